namespace Vigil.Features.Metrics.Query;

/// <summary>
/// Select a metric by name and tag filters, aggregate each time bucket (sum, avg, min, max, count,
/// last, rate, p50, p90, p99, distinct), optionally group by tags, and optionally shift the window back
/// by <paramref name="OffsetMs"/> (the same hour last week). <paramref name="StepMs"/> null lets the
/// store choose the resolution (10 s, 1 min or 1 h) from the range.
/// </summary>
public sealed record MetricQuery(
    long ProjectId,
    string Name,
    IReadOnlyList<MetricTagFilter> Filters,
    string Aggregation,
    IReadOnlyList<string> GroupBy,
    long FromMs,
    long ToMs,
    long? StepMs = null,
    long OffsetMs = 0);

/// <summary>A tag filter: <c>=</c>, <c>!=</c>, or <c>=~</c> with a list of alternatives.</summary>
public sealed record MetricTagFilter(string Key, string Operator, IReadOnlyList<string> Values);

/// <summary>One group's points; <see cref="MetricPoint.Value"/> is null where the bucket had no data.</summary>
public sealed record MetricSeriesResult(IReadOnlyDictionary<string, string> Group, IReadOnlyList<MetricPoint> Points);

public readonly record struct MetricPoint(long TimeMs, double? Value);

public sealed record MetricQueryResult(string Name, string? Unit, long StepMs, IReadOnlyList<MetricSeriesResult> Series);
