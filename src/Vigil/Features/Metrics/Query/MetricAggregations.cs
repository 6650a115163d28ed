using Vigil.Features.Metrics.Ingest;

namespace Vigil.Features.Metrics.Query;

/// <summary>The aggregations a query may ask for, and the one value each takes from a bucket's merged aggregate.</summary>
public static class MetricAggregations
{
    public static IReadOnlyList<string> All { get; } = ["sum", "avg", "min", "max", "count", "last", "rate", "p50", "p90", "p99", "distinct"];

    public static bool IsKnown(string aggregation) => All.Contains(aggregation);

    public static bool NeedsSketch(string aggregation) => aggregation is "p50" or "p90" or "p99";

    public static bool NeedsSet(string aggregation) => aggregation == "distinct";

    /// <summary>What a query asks when it names no aggregation: the natural reading of each kind.</summary>
    public static string DefaultFor(MetricKind kind) => kind switch
    {
        MetricKind.Counter => "sum",
        MetricKind.Gauge => "last",
        MetricKind.Set => "distinct",
        _ => "avg",
    };

    /// <summary>The bucket's value, or null when it cannot be told (no observations, no sketch).</summary>
    public static double? Value(string aggregation, MetricAggregate value, long stepMs) => aggregation switch
    {
        "sum" => value.Sum,
        "avg" => value.Count > 0 ? value.Sum / value.Count : null,
        "min" => double.IsFinite(value.Min) ? value.Min : null,
        "max" => double.IsFinite(value.Max) ? value.Max : null,
        "count" => value.Count,
        "last" => value.Last,
        "rate" => value.Sum / (stepMs / 1000.0),
        "p50" => Quantile(value, 0.5),
        "p90" => Quantile(value, 0.9),
        "p99" => Quantile(value, 0.99),
        "distinct" => value.Set?.Estimate(),
        _ => throw new ArgumentException($"'{aggregation}' is not an aggregation: use {string.Join(", ", All)}.", nameof(aggregation)),
    };

    private static double? Quantile(MetricAggregate value, double q) =>
        value.Sketch is { Count: > 0 } sketch ? sketch.Quantile(q) : null;
}
