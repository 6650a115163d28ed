namespace Vigil.Features.Metrics.Ingest;

/// <summary>One series' aggregate for one 10-second bucket, ready to store. The series is
/// <paramref name="Name"/> plus its tags (sorted by key when the store builds the identity).</summary>
public sealed record MetricSample(
    string Name,
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    long BucketStartMs,
    MetricAggregate Value,
    string? Unit = null);
