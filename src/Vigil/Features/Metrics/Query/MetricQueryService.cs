using Microsoft.Extensions.Options;
using Vigil.Features.Metrics.Storage;

namespace Vigil.Features.Metrics.Query;

/// <summary>
/// Answers <see cref="MetricQuery"/> from the store: picks the series by tag filters, reads one
/// resolution, merges each group's points into the query's step (<see cref="StepBuckets"/>) and takes the aggregation's value.
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
        var keys = chosen.Select(s => GroupKey(query.GroupBy, s.Tags)).Distinct().Order(StringComparer.Ordinal).ToList();
        var columns = MetricAggregations.Columns(query.Aggregation);
        var groups = keys.Select(_ => new StepBuckets(window.PointCount, columns)).ToArray();
        var groupIndex = keys.Select((key, i) => (key, i)).ToDictionary(p => p.key, p => p.i, StringComparer.Ordinal);
        var seriesOf = chosen.ToDictionary(s => s.Id, s => (Group: groups[groupIndex[GroupKey(query.GroupBy, s.Tags)]], s.Kind));
        (long Id, StepBuckets Group, MetricKind Kind) current = (long.MinValue, null!, default);
        await points.ReadAsync(window.Resolution, seriesOf.Keys, window.StartMs, window.EndMs, columns, (in StoredPoint point) =>
        {
            if (point.SeriesId != current.Id) // rows come series by series: one lookup per series, not per row
            {
                var (group, kind) = seriesOf[point.SeriesId];
                current = (point.SeriesId, group, kind);
            }
            var step = (point.Bucket - window.StartMs) / window.StepMs;
            if (step >= 0 && step < window.PointCount)
                current.Group.Merge((int)step, current.Kind, point);
        }, cancellationToken);
        var series = keys
            .Select((key, i) => new MetricSeriesResult(GroupTags(query.GroupBy, key), groups[i].Points(query.Aggregation, window.StartMs, window.StepMs, query.OffsetMs)))
            .ToList();
        return new MetricQueryResult(query.Name, all.Select(s => s.Unit).FirstOrDefault(u => u is not null), window.StepMs, series);
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
