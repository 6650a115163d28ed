namespace Vigil.Protocols.Metrics;

/// <summary>One decoded OTLP Metric with its valid data points. <see cref="Temporality"/> and
/// <see cref="IsMonotonic"/> come from the Sum, Histogram or ExponentialHistogram container.</summary>
public sealed record OtlpMetric(
    string Name,
    string? Description,
    string? Unit,
    OtlpMetricType Type,
    OtlpTemporality Temporality,
    bool IsMonotonic,
    OtlpMetricResource Resource,
    IReadOnlyList<OtlpDataPoint> Points);
