using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Protocols.Metrics;

/// <summary>
/// Metric series are identified by text tags, so attribute values (AnyValue, read as JSON nodes
/// by the shared OTLP helpers) become text: strings as they are, numbers and booleans as JSON
/// writes them, arrays and key-value lists as compact JSON.
/// </summary>
internal static class OtlpAttributeText
{
    public static void AddTo(JsonObject attributes, List<KeyValuePair<string, string>> target)
    {
        foreach (var (key, value) in attributes)
        {
            target.Add(new(key, Text(value)));
        }
    }

    public static Dictionary<string, string> ToDictionary(JsonObject attributes)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in attributes)
        {
            result[key] = Text(value);
        }
        return result;
    }

    private static string Text(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => value.ToJsonString(),
    };
}
