namespace Vigil.Features.Metrics.Dashboards;

/// <summary>One saved chart: the metric query it draws (the explorer's state) and whether the
/// same window a week earlier is drawn behind it as a faint line.</summary>
public sealed record ChartSpec(
    string Title,
    string Metric,
    string Aggregation,
    IReadOnlyList<string> Filters,
    IReadOnlyList<string> GroupBy,
    bool CompareWeek);
