namespace Vigil.Features.Metrics.Dashboards;

/// <summary>Saved charts that share one time range and refresh together.</summary>
public sealed record Dashboard(
    long Id,
    long ProjectId,
    string Name,
    IReadOnlyList<ChartSpec> Charts,
    string Range,
    int RefreshSeconds,
    long CreatedAt,
    long UpdatedAt);
