using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Protocols.Otlp;

/// <summary>
/// The OTLP/JSON field encodings (opentelemetry-proto docs/specification.md, "JSON Protobuf
/// Encoding"): lowerCamelCase keys with the proto names accepted too, 64-bit integers as decimal
/// strings or numbers, enums as integers or names, and AnyValue as a one-key object.
/// </summary>
internal static class OtlpJsonFields
{
    public static JsonNode? Get(JsonObject obj, string camel, string snake) =>
        obj.TryGetPropertyValue(camel, out var node) || obj.TryGetPropertyValue(snake, out node) ? node : null;

    public static string? GetString(JsonObject obj, string camel, string snake) =>
        Get(obj, camel, snake) is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    public static bool TryGetUInt64(JsonNode? node, out ulong value)
    {
        value = 0;
        return node switch
        {
            null => true,
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.TryGetValue(out value),
            JsonValue v when v.TryGetValue(out string? s) =>
                s.Length == 0 || ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }

    /// <summary>SeverityNumber as 9 or as "SEVERITY_NUMBER_INFO" / "SEVERITY_NUMBER_WARN3".</summary>
    public static int ReadSeverityNumber(JsonNode? node)
    {
        if (node is not JsonValue v)
        {
            return 0;
        }
        if (v.TryGetValue(out int number))
        {
            return number;
        }
        if (!v.TryGetValue(out string? name) || !name.StartsWith("SEVERITY_NUMBER_", StringComparison.Ordinal))
        {
            return 0;
        }
        var level = name.AsSpan("SEVERITY_NUMBER_".Length);
        var step = level.Length > 0 && char.IsAsciiDigit(level[^1]) ? level[^1] - '1' : 0;
        var baseNumber = level.TrimEnd("1234").ToString() switch
        {
            "TRACE" => 1, "DEBUG" => 5, "INFO" => 9, "WARN" => 13, "ERROR" => 17, "FATAL" => 21, _ => 0,
        };
        return baseNumber == 0 ? 0 : baseNumber + Math.Clamp(step, 0, 3);
    }

    /// <summary>Attributes as <c>[{key, value: AnyValue}]</c>, added to <paramref name="target"/>.</summary>
    public static void ReadAttributes(JsonNode? node, JsonObject target)
    {
        if (node is not JsonArray array)
        {
            return;
        }
        foreach (var item in array)
        {
            if (item is JsonObject kv && GetString(kv, "key", "key") is { } key)
            {
                target[key] = ReadAnyValue(kv["value"]);
            }
        }
    }

    public static JsonNode? ReadAnyValue(JsonNode? node)
    {
        if (node is not JsonObject any)
        {
            return null;
        }
        foreach (var (key, value) in any)
        {
            switch (key)
            {
                case "stringValue" or "string_value":
                    return value is JsonValue s && s.TryGetValue(out string? text) ? JsonValue.Create(text) : null;
                case "boolValue" or "bool_value":
                    return value is JsonValue b && b.TryGetValue(out bool flag) ? JsonValue.Create(flag) : null;
                case "intValue" or "int_value":
                    return ReadInt(value);
                case "doubleValue" or "double_value":
                    return ReadDouble(value);
                case "bytesValue" or "bytes_value":
                    return value?.DeepClone();
                case "arrayValue" or "array_value":
                    var array = new JsonArray();
                    if (value is JsonObject av && av["values"] is JsonArray items)
                    {
                        foreach (var item in items)
                        {
                            array.Add(ReadAnyValue(item));
                        }
                    }
                    return array;
                case "kvlistValue" or "kvlist_value":
                    var obj = new JsonObject();
                    ReadAttributes((value as JsonObject)?["values"], obj);
                    return obj;
            }
        }
        return null;
    }

    private static JsonNode? ReadInt(JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue(out long l) => JsonValue.Create(l),
        JsonValue v when v.TryGetValue(out string? s) && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
        _ => value?.DeepClone(),
    };

    private static JsonNode? ReadDouble(JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue(out double d) => JsonNumbers.FromDouble(d),
        JsonValue v when v.TryGetValue(out string? s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonNumbers.FromDouble(d),
        _ => value?.DeepClone(),
    };
}
