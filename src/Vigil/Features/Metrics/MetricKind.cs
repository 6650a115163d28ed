namespace Vigil.Features.Metrics;

/// <summary>How a series' values combine within a bucket and across rollups.</summary>
public enum MetricKind
{
    /// <summary>Deltas that add up (StatsD c, OTLP monotonic or delta sums).</summary>
    Counter = 1,
    /// <summary>A level: the last value wins; min, max and mean are kept too (StatsD g, OTLP gauges and cumulative up-down sums).</summary>
    Gauge = 2,
    /// <summary>Observations summarised by count, sum, min, max and a DDSketch (StatsD ms, h, d; OTLP histograms).</summary>
    Distribution = 3,
    /// <summary>Distinct members counted with HyperLogLog (StatsD s).</summary>
    Set = 4,
}
