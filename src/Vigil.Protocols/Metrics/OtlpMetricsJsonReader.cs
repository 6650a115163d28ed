using System.Text.Json.Nodes;
using static Vigil.Protocols.Otlp.OtlpJsonFields;

namespace Vigil.Protocols.Metrics;

/// <summary>
/// OTLP/JSON metrics: the same tree as protobuf, filling the same <see cref="OtlpPointDraft"/> so
/// both encodings meet the same rules. Unknown fields are ignored, as the spec requires; a point
/// that breaks the rules is reported with its JSON path and its neighbours are kept.
/// </summary>
internal static class OtlpMetricsJsonReader
{
    private const int MaxDepth = 128;

    public static OtlpMetricsBatch Read(ReadOnlySpan<byte> body)
    {
        if (!JsonInput.TryParseObject(body, 0, MaxDepth, "OTLP JSON body", out var root, out var error))
        {
            return OtlpMetricsBatch.FromFatal(error!);
        }
        var resourceMetrics = Get(root!, "resourceMetrics", "resource_metrics");
        if (resourceMetrics is not null and not JsonArray)
        {
            return OtlpMetricsBatch.FromFatal(new ParseError("resourceMetrics must be an array", ParseError.UnknownPosition));
        }
        var metrics = new List<OtlpMetric>();
        var errors = new List<OtlpPointError>();
        var noValue = 0;
        var r = 0;
        foreach (var resourceNode in (resourceMetrics as JsonArray) ?? [])
        {
            var path = $"resourceMetrics[{r++}]";
            if (resourceNode is not JsonObject resource)
            {
                continue;
            }
            var attributes = new JsonObject();
            if (resource["resource"] is JsonObject res)
            {
                ReadAttributes(res["attributes"], attributes);
            }
            var resourceAttributes = OtlpAttributeText.ToDictionary(attributes);
            var s = 0;
            foreach (var scopeNode in Get(resource, "scopeMetrics", "scope_metrics") as JsonArray ?? [])
            {
                var scopePath = $"{path}.scopeMetrics[{s++}]";
                if (scopeNode is not JsonObject scopeMetrics)
                {
                    continue;
                }
                var scope = scopeMetrics["scope"] as JsonObject;
                var context = new OtlpMetricResource(resourceAttributes,
                    scope is null ? null : GetString(scope, "name", "name"), scope is null ? null : GetString(scope, "version", "version"));
                var m = 0;
                foreach (var metricNode in scopeMetrics["metrics"] as JsonArray ?? [])
                {
                    var metricPath = $"{scopePath}.metrics[{m++}]";
                    if (metricNode is JsonObject metric)
                    {
                        ReadMetric(metric, context, metricPath, metrics, errors, ref noValue);
                    }
                    else
                    {
                        errors.Add(new OtlpPointError(metricPath, "a metric must be a JSON object"));
                    }
                }
            }
        }
        return new OtlpMetricsBatch(metrics, errors, noValue, null);
    }

    private static void ReadMetric(JsonObject metric, OtlpMetricResource resource, string path,
        List<OtlpMetric> metrics, List<OtlpPointError> errors, ref int noValue)
    {
        var name = GetString(metric, "name", "name") ?? "";
        var label = name.Length == 0 ? path : $"{path} ({name})";
        foreach (var type in OtlpMetricNames.All)
        {
            if (Get(metric, OtlpMetricNames.DataField(type), OtlpMetricNames.DataFieldSnake(type)) is not JsonObject data)
            {
                continue;
            }
            var temporality = ReadTemporality(Get(data, "aggregationTemporality", "aggregation_temporality"));
            var monotonic = Get(data, "isMonotonic", "is_monotonic") is JsonValue m && m.TryGetValue(out bool b) && b;
            var section = $"{label}.{OtlpMetricNames.DataField(type)}";
            var valid = new List<OtlpDataPoint>();
            var index = 0;
            foreach (var pointNode in Get(data, "dataPoints", "data_points") as JsonArray ?? [])
            {
                var pointPath = $"{section}.dataPoints[{index++}]";
                var draft = new OtlpPointDraft();
                var problem = pointNode is JsonObject point ? OtlpJsonPointFields.Fill(point, draft) : "a data point must be a JSON object";
                if (problem is null && draft.NoRecordedValue)
                {
                    noValue++;
                    continue;
                }
                var built = problem is null && name.Length > 0 ? OtlpPointValidator.Build(type, temporality, monotonic, draft, out problem) : null;
                if (built is null)
                {
                    errors.Add(new OtlpPointError(pointPath, problem ?? "the metric has no name"));
                    continue;
                }
                valid.Add(built);
            }
            if (valid.Count > 0)
            {
                metrics.Add(new OtlpMetric(name, NullIfEmpty(GetString(metric, "description", "description")), NullIfEmpty(GetString(metric, "unit", "unit")),
                    type, temporality, monotonic, resource, valid));
            }
            return; // data is a oneof
        }
    }

    /// <summary>AggregationTemporality as 1 or as "AGGREGATION_TEMPORALITY_DELTA".</summary>
    private static OtlpTemporality ReadTemporality(JsonNode? node)
    {
        if (node is not JsonValue v) return OtlpTemporality.Unspecified;
        if (v.TryGetValue(out int number)) return number is 1 or 2 ? (OtlpTemporality)number : OtlpTemporality.Unspecified;
        return v.TryGetValue(out string? name) ? name switch
        {
            "AGGREGATION_TEMPORALITY_DELTA" => OtlpTemporality.Delta,
            "AGGREGATION_TEMPORALITY_CUMULATIVE" => OtlpTemporality.Cumulative,
            _ => OtlpTemporality.Unspecified,
        } : OtlpTemporality.Unspecified;
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
