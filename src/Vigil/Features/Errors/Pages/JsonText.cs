using System.Globalization;
using System.Text.Json.Nodes;

namespace Vigil.Features.Errors.Pages;

/// <summary>Reads loosely shaped event JSON for display: never throws, strings come out unquoted.</summary>
internal static class JsonText
{
    public static string? String(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value => value.ToJsonString(),
        _ => node.ToJsonString(),
    };

    public static long? Long(JsonNode? node) =>
        node is JsonValue value && (value.TryGetValue<long>(out var number) || (value.TryGetValue<double>(out var real) && (number = (long)real) == number))
            ? number
            : null;

    public static bool? Bool(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;

    /// <summary>Epoch seconds (what the normalizer stores) as Unix milliseconds.</summary>
    public static long? EpochMs(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<double>(out var seconds) ? (long)(seconds * 1000) : null;

    /// <summary>An object's members, or an array of [key, value] pairs, as display pairs.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Pairs(JsonNode? node)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj)
                pairs.Add(new(key, String(value) ?? "null"));
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is JsonArray { Count: 2 } pair)
                    pairs.Add(new(String(pair[0]) ?? "", String(pair[1]) ?? ""));
            }
        }
        return pairs;
    }

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
