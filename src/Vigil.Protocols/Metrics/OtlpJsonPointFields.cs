using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using static Vigil.Protocols.Otlp.OtlpJsonFields;

namespace Vigil.Protocols.Metrics;

/// <summary>
/// The OTLP/JSON spelling of a data point, read into an <see cref="OtlpPointDraft"/>: 64-bit
/// integers as decimal strings or numbers, doubles as numbers or the proto3 strings "NaN",
/// "Infinity", "-Infinity", lowerCamelCase keys with the proto names accepted too. Returns why
/// a field could not be read, or null.
/// </summary>
internal static class OtlpJsonPointFields
{
    public static string? Fill(JsonObject point, OtlpPointDraft draft)
    {
        var attributes = new JsonObject();
        ReadAttributes(point["attributes"], attributes);
        OtlpAttributeText.AddTo(attributes, draft.Attributes);
        if (!TryGetUInt64(Get(point, "startTimeUnixNano", "start_time_unix_nano"), out var start))
            return Bad("startTimeUnixNano");
        if (!TryGetUInt64(Get(point, "timeUnixNano", "time_unix_nano"), out var time))
            return Bad("timeUnixNano");
        if (!TryGetUInt64(point["count"], out var count))
            return Bad("count");
        if (!TryGetUInt64(Get(point, "zeroCount", "zero_count"), out var zeroCount))
            return Bad("zeroCount");
        if (!TryGetUInt64(point["flags"], out var flags) || flags > uint.MaxValue)
            return Bad("flags");
        draft.StartTimeUnixNano = start;
        draft.TimeUnixNano = time;
        draft.Count = count;
        draft.ZeroCount = zeroCount;
        draft.Flags = (uint)flags;
        foreach (var (camel, snake, assign) in Doubles(draft))
        {
            var node = Get(point, camel, snake);
            if (node is null) continue;
            if (!TryGetDouble(node, out var value)) return $"{camel} must be a number";
            assign(value);
        }
        if (Get(point, "asInt", "as_int") is { } asInt)
        {
            if (!TryGetInt64(asInt, out var integer)) return "asInt must be a 64-bit integer (a decimal string or a number)";
            draft.Value = integer;
        }
        if (point["scale"] is { } scale)
        {
            if (scale is not JsonValue sv || !sv.TryGetValue(out int s)) return "scale must be an integer";
            draft.Scale = s;
        }
        return ReadUInt64s(Get(point, "bucketCounts", "bucket_counts"), draft.BucketCounts, "bucketCounts")
            ?? ReadDoubles(Get(point, "explicitBounds", "explicit_bounds"), draft.Bounds)
            ?? ReadBuckets(point["positive"], "positive", offset => draft.PositiveOffset = offset, draft.PositiveCounts)
            ?? ReadBuckets(point["negative"], "negative", offset => draft.NegativeOffset = offset, draft.NegativeCounts)
            ?? ReadQuantiles(Get(point, "quantileValues", "quantile_values"), draft.Quantiles);
    }

    private static (string, string, Action<double>)[] Doubles(OtlpPointDraft draft) =>
    [
        ("asDouble", "as_double", v => draft.Value = v),
        ("sum", "sum", v => draft.Sum = v),
        ("min", "min", v => draft.Min = v),
        ("max", "max", v => draft.Max = v),
    ];

    private static string Bad(string field) => $"{field} must be an unsigned integer (a decimal string or a number)";

    private static string? ReadBuckets(JsonNode? node, string name, Action<int> setOffset, List<ulong> counts)
    {
        if (node is null) return null;
        if (node is not JsonObject buckets) return $"{name} must be an object";
        if (buckets["offset"] is { } offset)
        {
            if (offset is not JsonValue ov || !ov.TryGetValue(out int o)) return $"{name}.offset must be an integer";
            setOffset(o);
        }
        return ReadUInt64s(Get(buckets, "bucketCounts", "bucket_counts"), counts, $"{name}.bucketCounts");
    }

    private static string? ReadUInt64s(JsonNode? node, List<ulong> target, string name)
    {
        if (node is null) return null;
        if (node is not JsonArray array) return $"{name} must be an array";
        foreach (var item in array)
        {
            if (item is null || !TryGetUInt64(item, out var value)) return $"{name} must hold unsigned integers";
            target.Add(value);
        }
        return null;
    }

    private static string? ReadDoubles(JsonNode? node, List<double> target)
    {
        if (node is null) return null;
        if (node is not JsonArray array) return "explicitBounds must be an array";
        foreach (var item in array)
        {
            if (!TryGetDouble(item, out var value)) return "explicitBounds must hold numbers";
            target.Add(value);
        }
        return null;
    }

    private static string? ReadQuantiles(JsonNode? node, List<(double, double)> target)
    {
        if (node is null) return null;
        if (node is not JsonArray array) return "quantileValues must be an array";
        foreach (var item in array)
        {
            if (item is not JsonObject pair) return "quantileValues must hold objects";
            var quantile = 0.0;
            var value = 0.0;
            if ((pair["quantile"] is { } q && !TryGetDouble(q, out quantile)) || (pair["value"] is { } v && !TryGetDouble(v, out value)))
                return "quantileValues must hold numbers";
            target.Add((quantile, value));
        }
        return null;
    }

    public static bool TryGetDouble(JsonNode? node, out double value)
    {
        value = 0;
        if (node is not JsonValue v) return false;
        if (v.GetValueKind() == JsonValueKind.Number) return v.TryGetValue(out value);
        if (!v.TryGetValue(out string? text)) return false;
        switch (text)
        {
            case "NaN": value = double.NaN; return true;
            case "Infinity": value = double.PositiveInfinity; return true;
            case "-Infinity": value = double.NegativeInfinity; return true;
            default: return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }

    private static bool TryGetInt64(JsonNode node, out long value)
    {
        value = 0;
        return node is JsonValue v && (v.GetValueKind() == JsonValueKind.Number
            ? v.TryGetValue(out value)
            : v.TryGetValue(out string? text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value));
    }
}
