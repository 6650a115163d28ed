using System.Buffers;
using Dapper;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Logs.Storage;

/// <summary>Keeps each project's logs within its age and size limits, deleting oldest blocks first in
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
        // Cut at a whole minute: log_minutes can only drop whole minutes, and a minute half deleted
        // would keep counting events that are gone (histograms would disagree with a search).
        long? cutoff = limits.MaxAgeDays is > 0 ? WholeMinute(now - limits.MaxAgeDays.Value * 86_400_000L) : null;
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

    private static long WholeMinute(long ms) => ms - ((ms % 60_000) + 60_000) % 60_000;

    /// <summary>Deletes about <paramref name="batchSize"/> of a project's events older than <paramref name="cutoff"/>,
    /// oldest blocks first; returns how many (0 when none are left). A block wholly older goes; a block
    /// the cut falls inside keeps its newer lines, the older ones blanked so every event keeps its id.</summary>
    public async Task<int> DeleteBatchAsync(long projectId, long cutoff, int batchSize, CancellationToken cancellationToken = default)
    {
        const int BlocksPerStep = 16;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var blocks = (await connection.QueryAsync<(long Id, long Max, int Count)>(
            $"SELECT id, max_ts, count FROM log_blocks WHERE project_id = @projectId AND min_ts < @cutoff ORDER BY min_ts LIMIT {BlocksPerStep}",
            new { projectId, cutoff }, transaction)).ToList();
        var deleted = 0;
        var taken = 0;
        foreach (var block in blocks)
        {
            if (deleted >= Math.Max(1, batchSize))
                break;
            taken++;
            if (block.Max < cutoff)
            {
                await connection.ExecuteAsync("DELETE FROM log_blocks WHERE id = @Id", new { block.Id }, transaction);
                deleted += block.Count;
                continue;
            }
            var data = await connection.ExecuteScalarAsync<byte[]>("SELECT data FROM log_blocks WHERE id = @Id", new { block.Id }, transaction) ?? [];
            var (kept, keptCount, keptMin) = WithoutOlder(block.Id, data, cutoff);
            await connection.ExecuteAsync("UPDATE log_blocks SET data = @kept, count = @keptCount, min_ts = @keptMin WHERE id = @Id",
                new { kept, keptCount, keptMin, block.Id }, transaction);
            deleted += block.Count - keptCount;
        }
        if (taken == blocks.Count && blocks.Count < BlocksPerStep)
            await connection.ExecuteAsync("DELETE FROM log_minutes WHERE project_id = @projectId AND minute + 60000 <= @cutoff", new { projectId, cutoff }, transaction);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    /// <summary>The block's lines with those older than the cut left empty, how many events remain, and the oldest remaining time.</summary>
    private static (byte[] Data, int Count, long Min) WithoutOlder(long blockId, byte[] data, long cutoff)
    {
        var kept = new ArrayBufferWriter<byte>(data.Length);
        var scratch = new Blocks.StoredLogEvent();
        var count = 0;
        var min = long.MaxValue;
        var first = true;
        foreach (var range in Lines(data))
        {
            if (!first)
                kept.Write("\n"u8);
            first = false;
            using var document = Blocks.LogLine.Read(data.AsMemory(range), blockId, scratch);
            if (document is null || scratch.Timestamp < cutoff)
                continue;
            kept.Write(data.AsSpan(range));
            count++;
            min = Math.Min(min, scratch.Timestamp);
        }
        return (kept.WrittenSpan.ToArray(), count, count == 0 ? cutoff : min);
    }

    private static IEnumerable<Range> Lines(byte[] data)
    {
        var start = 0;
        for (var i = 0; i <= data.Length; i++)
        {
            if (i == data.Length || data[i] == (byte)'\n')
            {
                yield return new Range(start, i);
                start = i + 1;
            }
        }
    }
}
