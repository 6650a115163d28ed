using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// Small helpers for the loose shapes SDKs send: a value that may be a string or a number, a list
/// that may be bare or wrapped in <c>{"values": [...]}</c>, a map that may be an object or a list
/// of pairs. Centralised so every field is lenient in the same way.
/// </summary>
internal static class JsonShapes
{
    public static string? StringOf(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>
    /// The raw UTF-8 of a string value as parsed (escapes not undone), without materialising a
    /// string. False for values built in code. A string never has more chars than raw bytes, and
    /// never more digits than its raw form, so hot passes can rule values out from this alone.
    /// </summary>
    public static bool TryRawString(JsonNode? node, out ReadOnlySpan<byte> raw)
    {
        raw = default;
        if (node is not JsonValue v || !v.TryGetValue(out JsonElement element) || element.ValueKind != JsonValueKind.String)
        {
            return false;
        }
        raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element);
        return true;
    }

    /// <summary>Strings as they are; numbers and booleans as their JSON text; anything else null.</summary>
    public static string? ScalarText(JsonNode? node)
    {
        if (node is not JsonValue v)
        {
            return null;
        }
        return v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number => v.TryGetValue(out long l) ? l.ToString(CultureInfo.InvariantCulture) : v.ToJsonString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    /// <summary>Any value as text: scalars via <see cref="ScalarText"/>, objects and arrays as JSON.</summary>
    public static string? AnyText(JsonNode? node) => node switch
    {
        null => null,
        JsonValue => ScalarText(node),
        _ => node.ToJsonString(),
    };

    public static bool? BoolOf(JsonNode? node) => node is JsonValue v
        ? v.GetValueKind() switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null }
        : null;

    /// <summary>
    /// Rewrites <c>parent[key]</c> into the canonical <c>{"values": [...]}</c> and returns the array,
    /// or removes the key and returns null when it is neither shape.
    /// </summary>
    public static JsonArray? CanonicalValues(JsonObject parent, string key)
    {
        switch (parent[key])
        {
            case JsonObject wrapper when wrapper["values"] is JsonArray values:
                return values;
            case JsonArray bare:
                parent.Remove(key);
                parent[key] = new JsonObject { ["values"] = bare };
                return bare;
            case null:
                parent.Remove(key);
                return null;
            default:
                parent.Remove(key);
                return null;
        }
    }

    /// <summary>
    /// Reads an object or a list of <c>[key, value]</c> pairs as pairs of text. Entries that are
    /// neither are skipped; non-string values are stringified.
    /// </summary>
    public static List<KeyValuePair<string, string>> Pairs(JsonNode? node)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                var text = AnyText(value);
                if (text is not null)
                {
                    pairs.Add(new(key, text));
                }
            }
        }
        else if (node is JsonArray list)
        {
            foreach (var entry in list)
            {
                if (entry is JsonArray { Count: 2 } pair && ScalarText(pair[0]) is { } key && AnyText(pair[1]) is { } text)
                {
                    pairs.Add(new(key, text));
                }
            }
        }
        return pairs;
    }

    public static JsonArray ToPairArray(List<KeyValuePair<string, string>> pairs)
    {
        var array = new JsonArray();
        foreach (var (key, value) in pairs)
        {
            array.Add(new JsonArray(JsonValue.Create(key), JsonValue.Create(value)));
        }
        return array;
    }

    public static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
