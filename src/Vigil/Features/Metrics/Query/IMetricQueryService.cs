namespace Vigil.Features.Metrics.Query;

/// <summary>What other capabilities (alert rules, dashboards) read metrics through.
/// Returns null when the project has no metric of that name.</summary>
public interface IMetricQueryService
{
    Task<MetricQueryResult?> QueryAsync(MetricQuery query, CancellationToken cancellationToken = default);
}
