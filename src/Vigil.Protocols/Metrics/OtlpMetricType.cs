namespace Vigil.Protocols.Metrics;

/// <summary>The <c>data</c> oneof of an OTLP Metric (metrics.proto fields 5, 7, 9, 10, 11).</summary>
public enum OtlpMetricType
{
    Gauge,
    Sum,
    Histogram,
    ExponentialHistogram,
    Summary,
}
