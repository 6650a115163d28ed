using Microsoft.Extensions.Options;
using Vigil.Features.Metrics.Ingest;
using Vigil.Features.Metrics.Storage;

namespace Vigil.Features.Metrics.Query;

/// <summary>
/// Answers <see cref="MetricQuery"/> from the store: picks the series by tag filters, reads one
/// resolution, merges each group's points into the query's step and takes the aggregation's value.
/// With an offset the window is read that far back and reported at the un-shifted times, so last
/// week's line overlays this week's. Names in <see cref="DerivedSeries"/> are computed instead.
/// </summary>
public sealed class MetricQueryService(
    MetricCatalogStore catalog,
    MetricPointStore points,
    DerivedSeries derived,
    IOptions<MetricsOptions> options,
    TimeProvider clock) : IMetricQueryService
{
    /// <summary>An empty <see cref="MetricQuery.Aggregation"/> takes the kind's natural one (<see cref="MetricAggregations.DefaultFor"/>).</summary>
    public async Task<MetricQueryResult?> QueryAsync(MetricQuery query, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<StoredSeries>? all = null;
        if (string.IsNullOrEmpty(query.Aggregation))
        {
            all = DerivedSeries.IsDerived(query.Name) ? [] : await catalog.SeriesAsync(query.ProjectId, query.Name, cancellationToken);
            query = query with { Aggregation = MetricAggregations.DefaultFor(all.Count > 0 ? all[0].Kind : MetricKind.Counter) };
        }
        if (!MetricAggregations.IsKnown(query.Aggregation))
            throw new ArgumentException($"'{query.Aggregation}' is not an aggregation: use {string.Join(", ", MetricAggregations.All)}.", "agg");
        if (query.ToMs <= query.FromMs)
            throw new ArgumentException("'from' must be before 'to'.", "from");
        var window = QueryWindow.Choose(query.FromMs - query.OffsetMs, query.ToMs - query.OffsetMs, query.StepMs,
            clock.GetUtcNow().ToUnixTimeMilliseconds(), options.Value);
        if (DerivedSeries.IsDerived(query.Name))
            return await derived.QueryAsync(query, window, cancellationToken);
        all ??= await catalog.SeriesAsync(query.ProjectId, query.Name, cancellationToken);
        if (all.Count == 0)
            return null;
        var chosen = all.Where(s => TagFilters.Match(query.Filters, s.Tags)).ToList();
        var groupOf = chosen.ToDictionary(s => s.Id, s => GroupKey(query.GroupBy, s.Tags));
        var stored = await points.ReadAsync(window.Resolution, chosen.ToDictionary(s => s.Id, s => s.Kind), window.StartMs, window.EndMs,
            MetricAggregations.NeedsSketch(query.Aggregation), MetricAggregations.NeedsSet(query.Aggregation), cancellationToken);
        var groups = new Dictionary<string, Dictionary<long, MetricAggregate>>(StringComparer.Ordinal);
        foreach (var key in groupOf.Values.Distinct())
            groups[key] = [];
        foreach (var point in stored)
        {
            var buckets = groups[groupOf[point.SeriesId]];
            var step = point.Bucket - ((point.Bucket - window.StartMs) % window.StepMs);
            if (!buckets.TryGetValue(step, out var merged))
                buckets[step] = merged = new MetricAggregate(point.Value.Kind);
            if (merged.Kind == point.Value.Kind) // one name stored with two kinds: the first one read wins the bucket
                merged.Merge(point.Value);
        }
        var series = groups
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new MetricSeriesResult(GroupTags(query.GroupBy, g.Key), Points(window, query, g.Value)))
            .ToList();
        return new MetricQueryResult(query.Name, all.Select(s => s.Unit).FirstOrDefault(u => u is not null), window.StepMs, series);
    }

    private static List<MetricPoint> Points(QueryWindow window, MetricQuery query, Dictionary<long, MetricAggregate> buckets)
    {
        var result = new List<MetricPoint>(window.PointCount);
        for (var time = window.StartMs; time < window.EndMs; time += window.StepMs)
        {
            var value = buckets.TryGetValue(time, out var merged) ? MetricAggregations.Value(query.Aggregation, merged, window.StepMs) : null;
            result.Add(new MetricPoint(time + query.OffsetMs, value is { } v && double.IsFinite(v) ? v : null));
        }
        return result;
    }

    // Group values joined by a character tags cannot hold in StatsD or JSON keys as sent.
    private static string GroupKey(IReadOnlyList<string> groupBy, IReadOnlyDictionary<string, string> tags) =>
        string.Join('\u0001', groupBy.Select(k => tags.GetValueOrDefault(k) ?? ""));

    internal static IReadOnlyDictionary<string, string> GroupTags(IReadOnlyList<string> groupBy, string key)
    {
        var values = key.Split('\u0001');
        return groupBy.Select((k, i) => (k, v: i < values.Length ? values[i] : "")).ToDictionary(p => p.k, p => p.v);
    }
}
