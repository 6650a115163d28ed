namespace Vigil.Protocols.Metrics;

/// <summary>An exponential histogram point: at <see cref="Scale"/> s, bucket index i covers
/// (base^i, base^(i+1)] with base = 2^(2^-s); the first count of a range is at its offset.</summary>
public sealed record OtlpExponentialHistogramPoint(
    IReadOnlyList<KeyValuePair<string, string>> Attributes,
    ulong StartTimeUnixNano,
    ulong TimeUnixNano,
    ulong Count,
    double? Sum,
    double? Min,
    double? Max,
    int Scale,
    ulong ZeroCount,
    int PositiveOffset,
    IReadOnlyList<ulong> PositiveCounts,
    int NegativeOffset,
    IReadOnlyList<ulong> NegativeCounts) : OtlpDataPoint(Attributes, StartTimeUnixNano, TimeUnixNano);
