namespace Vigil.Protocols.Metrics;

/// <summary>The Metric.data oneof's field numbers and JSON names, one place for both readers.</summary>
internal static class OtlpMetricNames
{
    public static OtlpMetricType FromField(int field) => field switch
    {
        5 => OtlpMetricType.Gauge,
        7 => OtlpMetricType.Sum,
        9 => OtlpMetricType.Histogram,
        10 => OtlpMetricType.ExponentialHistogram,
        _ => OtlpMetricType.Summary,
    };

    public static string DataField(OtlpMetricType type) => type switch
    {
        OtlpMetricType.Gauge => "gauge",
        OtlpMetricType.Sum => "sum",
        OtlpMetricType.Histogram => "histogram",
        OtlpMetricType.ExponentialHistogram => "exponentialHistogram",
        _ => "summary",
    };

    /// <summary>The JSON key's proto (snake_case) spelling, which OTLP/JSON receivers also accept.</summary>
    public static string DataFieldSnake(OtlpMetricType type) =>
        type == OtlpMetricType.ExponentialHistogram ? "exponential_histogram" : DataField(type);

    public static readonly OtlpMetricType[] All =
        [OtlpMetricType.Gauge, OtlpMetricType.Sum, OtlpMetricType.Histogram, OtlpMetricType.ExponentialHistogram, OtlpMetricType.Summary];
}
