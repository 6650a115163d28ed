using Dapper;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Logs.Storage;

/// <summary>Keeps each project's logs within its age and size limits, deleting oldest first in
/// small transactions so ingest is never blocked for long. Sizes come from the per-minute byte
/// counts, so finding the cut never scans events.</summary>
public sealed class LogRetention(Database database)
{
    public sealed record Limits(long ProjectId, int? MaxAgeDays, long? MaxBytes);

    public async Task<IReadOnlyList<Limits>> LimitsAsync(int defaultAgeDays, long? defaultMaxBytes, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long ProjectId, long? MaxAgeDays, long? MaxBytes)>(
            "SELECT p.project_id, r.max_age_days, r.max_bytes FROM (SELECT DISTINCT project_id FROM log_minutes) p " +
            "LEFT JOIN log_retention r ON r.project_id = p.project_id");
        return rows.Select(r => new Limits(r.ProjectId, (int?)r.MaxAgeDays ?? defaultAgeDays, r.MaxBytes ?? defaultMaxBytes)).ToList();
    }

    public async Task SetLimitsAsync(long projectId, int? maxAgeDays, long? maxBytes, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "INSERT INTO log_retention (project_id, max_age_days, max_bytes) VALUES (@projectId, @maxAgeDays, @maxBytes) " +
            "ON CONFLICT (project_id) DO UPDATE SET max_age_days = excluded.max_age_days, max_bytes = excluded.max_bytes",
            new { projectId, maxAgeDays, maxBytes });
    }

    /// <summary>The time before which a project's events must go: the older of its age cut and its size cut.</summary>
    public async Task<long?> CutoffAsync(Limits limits, long now, CancellationToken cancellationToken = default)
    {
        long? cutoff = limits.MaxAgeDays is > 0 ? now - limits.MaxAgeDays.Value * 86_400_000L : null;
        if (limits.MaxBytes is not > 0)
            return cutoff;
        await using var connection = await database.OpenAsync(cancellationToken);
        var minutes = await connection.QueryAsync<(long Minute, long Bytes)>(
            "SELECT minute, SUM(bytes) FROM log_minutes WHERE project_id = @ProjectId GROUP BY minute ORDER BY minute DESC", limits);
        long total = 0;
        foreach (var (minute, bytes) in minutes)
        {
            total += bytes;
            if (total > limits.MaxBytes)
                return Math.Max(cutoff ?? long.MinValue, minute + 60_000);
        }
        return cutoff;
    }

    /// <summary>Deletes up to <paramref name="batchSize"/> of a project's events older than <paramref name="cutoff"/>; returns how many.</summary>
    public async Task<int> DeleteBatchAsync(long projectId, long cutoff, int batchSize, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = (await connection.QueryAsync<long>(
            "SELECT id FROM log_events WHERE project_id = @projectId AND timestamp < @cutoff ORDER BY timestamp LIMIT @batchSize",
            new { projectId, cutoff, batchSize }, transaction)).ToList();
        if (ids.Count > 0)
        {
            if (database.Engine == StorageEngine.Sqlite)
            {
                var list = new { ids = System.Text.Json.JsonSerializer.Serialize(ids) };
                await connection.ExecuteAsync("DELETE FROM log_events WHERE id IN (SELECT value FROM json_each(@ids))", list, transaction);
                await connection.ExecuteAsync("DELETE FROM log_text WHERE rowid IN (SELECT value FROM json_each(@ids))", list, transaction);
            }
            else
            {
                await connection.ExecuteAsync("DELETE FROM log_events WHERE id = ANY(@ids)", new { ids = ids.ToArray() }, transaction);
            }
        }
        if (ids.Count < batchSize)
            await connection.ExecuteAsync("DELETE FROM log_minutes WHERE project_id = @projectId AND minute + 60000 <= @cutoff", new { projectId, cutoff }, transaction);
        await transaction.CommitAsync(cancellationToken);
        return ids.Count;
    }
}
