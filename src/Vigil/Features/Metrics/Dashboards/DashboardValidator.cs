namespace Vigil.Features.Metrics.Dashboards;

/// <summary>Checks a dashboard request and names the first field that is wrong.</summary>
public static class DashboardValidator
{
    public const int MaxCharts = 24;
    public static readonly IReadOnlyList<string> Aggregations = ["sum", "avg", "min", "max", "count", "last", "rate", "p50", "p90", "p99", "distinct"];
    public static readonly IReadOnlyList<string> Ranges = ["15m", "1h", "6h", "24h", "7d", "30d"];
    public static readonly IReadOnlyList<int> RefreshChoices = [0, 10, 30, 60, 300];

    public sealed record Request(string? Name, List<ChartRequest>? Charts, string? Range, int? RefreshSeconds);

    public sealed record ChartRequest(string? Title, string? Metric, string? Aggregation, List<string>? Filters, List<string>? GroupBy, bool? CompareWeek);

    /// <summary>The draft, or the field at fault and why.</summary>
    public static (DashboardDraft? Draft, string? Field, string? Error) Validate(Request request)
    {
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
            return (null, "name", "A dashboard needs a name of 1 to 100 characters.");
        var range = request.Range ?? "24h";
        if (!Ranges.Contains(range))
            return (null, "range", $"'{range}' is not a range: use one of {string.Join(", ", Ranges)}.");
        var refresh = request.RefreshSeconds ?? 0;
        if (!RefreshChoices.Contains(refresh))
            return (null, "refreshSeconds", $"Refresh every {refresh} s is not offered: use one of {string.Join(", ", RefreshChoices)} (0 = off).");
        var charts = new List<ChartSpec>();
        foreach (var (chart, index) in (request.Charts ?? []).Select((chart, index) => (chart, index)))
        {
            var at = $"charts[{index}]";
            var metric = chart.Metric?.Trim() ?? "";
            if (metric.Length is 0 or > 200)
                return (null, $"{at}.metric", "Each chart needs the name of a metric.");
            var aggregation = (chart.Aggregation ?? "avg").Trim().ToLowerInvariant();
            if (!Aggregations.Contains(aggregation))
                return (null, $"{at}.aggregation", $"'{aggregation}' is not an aggregation: use one of {string.Join(", ", Aggregations)}.");
            var filters = (chart.Filters ?? []).Select(filter => filter.Trim()).Where(filter => filter.Length > 0).ToList();
            if (filters.FirstOrDefault(filter => !filter.Contains(':') && !filter.Contains("!=") && !filter.Contains("=~")) is { } bad)
                return (null, $"{at}.filters", $"'{bad}' is not a tag filter: write key:value, key!=value or key=~a|b.");
            var title = string.IsNullOrWhiteSpace(chart.Title) ? $"{aggregation}({metric})" : chart.Title.Trim();
            charts.Add(new ChartSpec(title, metric, aggregation, filters,
                (chart.GroupBy ?? []).Select(tag => tag.Trim()).Where(tag => tag.Length > 0).ToList(), chart.CompareWeek ?? false));
        }
        if (charts.Count > MaxCharts)
            return (null, "charts", $"A dashboard holds at most {MaxCharts} charts.");
        return (new DashboardDraft(name, charts, range, refresh), null, null);
    }
}
