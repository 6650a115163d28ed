namespace Vigil.Protocols.Metrics;

/// <summary>An explicit-bucket histogram point: <see cref="BucketCounts"/> has one more entry than
/// <see cref="Bounds"/>; bucket i holds values in (Bounds[i-1], Bounds[i]].</summary>
public sealed record OtlpHistogramPoint(
    IReadOnlyList<KeyValuePair<string, string>> Attributes,
    ulong StartTimeUnixNano,
    ulong TimeUnixNano,
    ulong Count,
    double? Sum,
    double? Min,
    double? Max,
    IReadOnlyList<double> Bounds,
    IReadOnlyList<ulong> BucketCounts) : OtlpDataPoint(Attributes, StartTimeUnixNano, TimeUnixNano);
