namespace Vigil.Features.Metrics.Query;

/// <summary>One metric name of a project as the API lists it: how many series, which tag keys.</summary>
public sealed record MetricSummary(string Name, string Kind, string? Unit, int Series, IReadOnlyList<string> TagKeys, long? LastSeen);

/// <summary>A stored series: its id, kind, unit and tags.</summary>
public sealed record StoredSeries(long Id, MetricKind Kind, string? Unit, IReadOnlyDictionary<string, string> Tags);
