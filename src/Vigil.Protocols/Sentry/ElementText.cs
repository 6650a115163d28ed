using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// Reads the loose shapes SDKs send from a parsed element: a value that may be a string or a
/// number, a map that may be an object or a list of pairs. <c>default(JsonElement)</c> stands for
/// "absent", so callers never branch on presence first.
/// </summary>
internal static class ElementText
{
    public static string? StringOf(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString() : null;

    /// <summary>Strings as they are; numbers and booleans as their JSON text; anything else null.</summary>
    public static string? ScalarText(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? l.ToString(CultureInfo.InvariantCulture) : e.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    /// <summary>Any value as text: scalars via <see cref="ScalarText"/>, objects and arrays as compact JSON.</summary>
    public static string? AnyText(JsonElement e) => e.ValueKind is JsonValueKind.Object or JsonValueKind.Array
        ? Compact(e)
        : ScalarText(e);

    public static bool? BoolOf(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    public static JsonElement Property(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var value) ? value : default;

    /// <summary>
    /// Reads an object or a list of <c>[key, value]</c> pairs as pairs of text. Entries that are
    /// neither are skipped; non-string values are stringified.
    /// </summary>
    public static List<KeyValuePair<string, string>> Pairs(JsonElement e)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (e.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in e.EnumerateObject())
            {
                if (AnyText(property.Value) is { } text)
                {
                    pairs.Add(new(property.Name, text));
                }
            }
        }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in e.EnumerateArray())
            {
                if (entry.ValueKind == JsonValueKind.Array && entry.GetArrayLength() == 2
                    && ScalarText(entry[0]) is { } key && AnyText(entry[1]) is { } text)
                {
                    pairs.Add(new(key, text));
                }
            }
        }
        return pairs;
    }

    public static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    // The same compact, escaped form the payload itself is written in.
    private static string Compact(JsonElement e)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            e.WriteTo(writer);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
