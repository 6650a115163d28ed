namespace Vigil.Protocols.Metrics;

/// <summary>A summary point: count and sum since the start time, and quantiles of the recent window.</summary>
public sealed record OtlpSummaryPoint(
    IReadOnlyList<KeyValuePair<string, string>> Attributes,
    ulong StartTimeUnixNano,
    ulong TimeUnixNano,
    ulong Count,
    double Sum,
    IReadOnlyList<(double Quantile, double Value)> Quantiles) : OtlpDataPoint(Attributes, StartTimeUnixNano, TimeUnixNano);
