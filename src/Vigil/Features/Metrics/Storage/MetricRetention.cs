using Dapper;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Metrics.Storage;

/// <summary>Deletes points older than their resolution's retention, a small batch per transaction
/// so the writer is never held up for long, and then series no resolution has points for.</summary>
public sealed class MetricRetention(Database database)
{
    /// <summary>Deletes up to <paramref name="batchSize"/> points of <paramref name="resolution"/> that start before <paramref name="cutoff"/>.</summary>
    public async Task<int> DeleteBatchAsync(MetricResolution resolution, long cutoff, int batchSize, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM {resolution.Table} WHERE (series_id, bucket) IN " +
            $"(SELECT series_id, bucket FROM {resolution.Table} WHERE bucket < @cutoff ORDER BY bucket LIMIT @batchSize)",
            new { cutoff, batchSize }, cancellationToken: cancellationToken));
    }

    /// <summary>Series last seen before <paramref name="cutoff"/> (the longest retention) with no points left.</summary>
    public async Task<int> DeleteIdleSeriesAsync(long cutoff, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var unused = string.Join(" AND ", MetricResolution.All.Select(r => $"NOT EXISTS (SELECT 1 FROM {r.Table} p WHERE p.series_id = metric_series.id)"));
        return await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM metric_series WHERE last_seen < @cutoff AND {unused}", new { cutoff }, cancellationToken: cancellationToken));
    }
}
