using Vigil.Features.Metrics.Storage;

namespace Vigil.Features.Metrics.Query;

/// <summary>The aggregations a query may ask for, and the stored columns each reads (<see cref="StepBuckets"/> takes the value).</summary>
public static class MetricAggregations
{
    public static IReadOnlyList<string> All { get; } = ["sum", "avg", "min", "max", "count", "last", "rate", "p50", "p90", "p99", "distinct"];

    public static bool IsKnown(string aggregation) => All.Contains(aggregation);

    /// <summary>The stored columns an aggregation reads: sums and counts need no sketch or set blob.</summary>
    public static PointColumns Columns(string aggregation) => aggregation switch
    {
        "sum" or "rate" => PointColumns.Sum,
        "avg" => PointColumns.Count | PointColumns.Sum,
        "min" => PointColumns.Min,
        "max" => PointColumns.Max,
        "count" => PointColumns.Count,
        "last" => PointColumns.Last,
        "p50" or "p90" or "p99" => PointColumns.Sketch,
        "distinct" => PointColumns.Set,
        _ => throw new ArgumentException($"'{aggregation}' is not an aggregation: use {string.Join(", ", All)}.", nameof(aggregation)),
    };

    /// <summary>What a query asks when it names no aggregation: the natural reading of each kind.</summary>
    public static string DefaultFor(MetricKind kind) => kind switch
    {
        MetricKind.Counter => "sum",
        MetricKind.Gauge => "last",
        MetricKind.Set => "distinct",
        _ => "avg",
    };
}
