using Vigil.Features.Metrics.Query;

namespace Vigil.Tests.Features.Alerts.Support;

/// <summary>A stand-in for the metric query service, so rule judgement is tested on exact values: answers every
/// query with the value a test set for the metric, or with the week-earlier value when the query is offset.</summary>
public sealed class StandInMetricQueryService : IMetricQueryService
{
    public Dictionary<string, double?> Now { get; } = [];
    public Dictionary<string, double?> WeekAgo { get; } = [];

    public Task<MetricQueryResult?> QueryAsync(MetricQuery query, CancellationToken cancellationToken = default)
    {
        var values = query.OffsetMs > 0 ? WeekAgo : Now;
        if (!values.TryGetValue(query.Name, out var value))
            return Task.FromResult<MetricQueryResult?>(null);
        var step = query.StepMs ?? 60_000;
        var series = new MetricSeriesResult(new Dictionary<string, string>(), [new MetricPoint(query.ToMs - step, value)]);
        return Task.FromResult<MetricQueryResult?>(new MetricQueryResult(query.Name, null, step, [series]));
    }
}
