namespace Vigil.Protocols.Metrics;

/// <summary>AggregationTemporality: whether a point covers only its own interval (delta) or
/// everything since its start time (cumulative). Unspecified must not be sent for sums and histograms.</summary>
public enum OtlpTemporality
{
    Unspecified = 0,
    Delta = 1,
    Cumulative = 2,
}
