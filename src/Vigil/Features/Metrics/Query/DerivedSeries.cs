using Vigil.Features.Errors.Storage;
using Vigil.Features.Logs.Query;
using Vigil.Features.Logs.Storage;
using Vigil.Protocols.LogQuery;

namespace Vigil.Features.Metrics.Query;

/// <summary>
/// Metrics computed at query time from the other capabilities' stores, never stored:
/// <c>vigil.logs.count</c> (log events per bucket; tag <c>search</c> = a saved search's name, whose
/// filter is applied) and <c>vigil.errors.events</c> (error events per bucket by arrival; tag <c>issue</c> = an issue id).
/// Both are counters: every aggregation but <c>rate</c> reads the count.
/// </summary>
public sealed class DerivedSeries(SavedSearchStore searches, LogStore logs, IssueStore issues)
{
    public const string LogsCount = "vigil.logs.count";
    public const string ErrorEvents = "vigil.errors.events";

    public static bool IsDerived(string name) => name is LogsCount or ErrorEvents;

    public async Task<IReadOnlyList<MetricSummary>> ListAsync(long projectId, CancellationToken cancellationToken = default)
    {
        var saved = await searches.ListAsync(projectId, cancellationToken);
        return
        [
            new MetricSummary(ErrorEvents, "counter", null, 1, ["issue"], null),
            new MetricSummary(LogsCount, "counter", null, Math.Max(1, saved.Count), ["search"], null),
        ];
    }

    public async Task<IReadOnlyList<string>> TagValuesAsync(long projectId, string name, string key, CancellationToken cancellationToken = default)
    {
        if (name == LogsCount && key == "search")
            return (await searches.ListAsync(projectId, cancellationToken)).Select(s => s.Name).Distinct().ToList();
        if (name == ErrorEvents && key == "issue")
        {
            var (list, _) = await issues.ListAsync(projectId, new Errors.Issues.IssueQuery(Status: null, Limit: 100), cancellationToken);
            return list.Select(i => i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        }
        return [];
    }

    public async Task<MetricQueryResult> QueryAsync(MetricQuery query, QueryWindow window, CancellationToken cancellationToken)
    {
        var counts = query.Name == LogsCount
            ? await LogCountsAsync(query, window, cancellationToken)
            : await ErrorCountsAsync(query, window, cancellationToken);
        var series = counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(group =>
        {
            var points = new List<MetricPoint>(window.PointCount);
            for (var time = window.StartMs; time < window.EndMs; time += window.StepMs)
            {
                double? value = group.Value.TryGetValue(time, out var count)
                    ? query.Aggregation == "rate" ? count / (window.StepMs / 1000.0) : count
                    : null;
                points.Add(new MetricPoint(time + query.OffsetMs, value));
            }
            return new MetricSeriesResult(MetricQueryService.GroupTags(query.GroupBy, group.Key), points);
        }).ToList();
        return new MetricQueryResult(query.Name, null, window.StepMs, series);
    }

    private async Task<Dictionary<string, Dictionary<long, long>>> LogCountsAsync(MetricQuery query, QueryWindow window, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, Dictionary<long, long>>(StringComparer.Ordinal);
        var filtered = query.Filters.Any(f => f.Key == "search") || query.GroupBy.Contains("search");
        var chosen = filtered
            ? (await searches.ListAsync(query.ProjectId, cancellationToken))
                .Where(s => TagFilters.Match(query.Filters, new Dictionary<string, string> { ["search"] = s.Name }))
                .Select(s => (s.Name, Query: (string?)s.Query))
                .ToList()
            : [("", null)];
        var range = new TimeRange(window.StartMs, window.EndMs);
        foreach (var (name, text) in chosen)
        {
            var parsed = QueryParser.Parse(text);
            if (!parsed.IsSuccess)
                continue; // a saved search that no longer parses counts nothing rather than failing the chart
            var bins = await logs.HistogramAsync(query.ProjectId, parsed.Query!.Filter, range, TimeSpan.FromMilliseconds(window.StepMs), cancellationToken);
            var key = string.Join('\u0001', query.GroupBy.Select(k => k == "search" ? name : ""));
            if (!result.TryGetValue(key, out var buckets))
                result[key] = buckets = [];
            foreach (var bin in bins)
            {
                var time = bin.Start.ToUnixTimeMilliseconds();
                time -= ((time - window.StartMs) % window.StepMs + window.StepMs) % window.StepMs;
                buckets[time] = buckets.GetValueOrDefault(time) + bin.Count;
            }
        }
        return result;
    }

    private async Task<Dictionary<string, Dictionary<long, long>>> ErrorCountsAsync(MetricQuery query, QueryWindow window, CancellationToken cancellationToken)
    {
        List<long>? ids = null;
        foreach (var filter in query.Filters.Where(f => f.Key == "issue" && f.Operator != "!="))
            ids = filter.Values.Select(v => long.TryParse(v, out var id) ? id : -1).Where(id => id >= 0).ToList();
        var rows = await issues.EventBucketsAsync(query.ProjectId, ids, window.StartMs, window.EndMs, window.StepMs, cancellationToken);
        var excluded = query.Filters.Where(f => f.Key == "issue" && f.Operator == "!=").SelectMany(f => f.Values).ToHashSet();
        var result = new Dictionary<string, Dictionary<long, long>>(StringComparer.Ordinal);
        foreach (var (issue, bucket, count) in rows)
        {
            var issueText = issue.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (excluded.Contains(issueText))
                continue;
            var key = string.Join('\u0001', query.GroupBy.Select(k => k == "issue" ? issueText : ""));
            if (!result.TryGetValue(key, out var buckets))
                result[key] = buckets = [];
            buckets[bucket] = buckets.GetValueOrDefault(bucket) + count;
        }
        return result;
    }
}
