using System.Collections.Frozen;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// The top-level fields of an event, found in one pass over the root: the ones the normaliser
/// owns by name, and the rest in order, to be copied as they came.
/// </summary>
internal sealed class RootFields
{
    private static readonly FrozenDictionary<string, int> Owned = new[]
    {
        "event_id", "timestamp", "level", "platform", "release", "dist", "environment", "server_name", "transaction", "logger",
        "message", "logentry", "exception", "threads", "breadcrumbs", "tags", "user", "request",
        "contexts", "extra", "modules", "sdk", "fingerprint", "title", "culprit", "_meta",
    }.Select((name, index) => KeyValuePair.Create(name, index)).ToFrozenDictionary(StringComparer.Ordinal);

    private readonly JsonElement[] _owned = new JsonElement[Owned.Count];

    public RootFields(JsonElement root)
    {
        var lookup = Owned.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> buffer = stackalloc char[32];
        foreach (var property in root.EnumerateObject())
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            int index;
            var found = raw.Length <= buffer.Length && raw.IndexOf((byte)'\\') < 0
                ? lookup.TryGetValue(buffer[..System.Text.Encoding.UTF8.GetChars(raw, buffer)], out index)
                : Owned.TryGetValue(property.Name, out index);
            if (found)
            {
                // The last of repeated names wins, as it would in a dictionary.
                _owned[index] = property.Value;
            }
            else
            {
                Others.Add(property);
            }
        }
    }

    /// <summary>Properties the normaliser does not own, in the order sent.</summary>
    public List<JsonProperty> Others { get; } = new(8);

    /// <summary>The value of an owned field, or <c>default</c> (Undefined) when absent.</summary>
    public JsonElement this[string name] => _owned[Owned[name]];
}
