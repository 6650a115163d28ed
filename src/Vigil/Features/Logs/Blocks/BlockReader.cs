using System.Data.Common;
using Dapper;

namespace Vigil.Features.Logs.Blocks;

/// <summary>The SQL side of reading blocks: their descriptions page by page, newest (by latest
/// event) first or in storage order, and one block's events on demand. Filters and levels are read
/// only when the search can prune with them, and events only for blocks that passed.</summary>
public sealed class BlockReader(DbConnection connection)
{
    private const int PageSize = 256;

    /// <summary>Blocks overlapping [from, to), by latest event, newest first.</summary>
    /// <param name="details">read each block's word filter and levels too</param>
    public async IAsyncEnumerable<BlockMeta> NewestFirstAsync(long projectId, long from, long to, bool details,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long lastMax = long.MaxValue, lastId = long.MaxValue;
        // A search for the newest few often stops within its first blocks: start with a small page
        // (and as few filters read) and double it for searches that go on.
        var pageSize = 16;
        while (true)
        {
            // Index-only (the time index covers these columns); filters and levels are read after, for the blocks that overlap.
            var page = (await connection.QueryAsync<(long Id, long Min, long Max)>(new CommandDefinition(
                "SELECT id, min_ts, max_ts FROM log_blocks " +
                "WHERE project_id = @projectId AND max_ts >= @from AND min_ts < @to AND (max_ts < @lastMax OR (max_ts = @lastMax AND id < @lastId)) " +
                $"ORDER BY max_ts DESC, id DESC LIMIT {pageSize}",
                new { projectId, from, to, lastMax, lastId }, cancellationToken: cancellationToken))).ToList();
            var more = details && page.Count > 0
                ? (await connection.QueryAsync<(long Id, byte[]? Filter, int Levels)>(new CommandDefinition(
                    $"SELECT id, filter, levels FROM log_blocks WHERE id IN ({string.Join(',', page.Select(row => row.Id))})",
                    cancellationToken: cancellationToken))).ToDictionary(row => row.Id)
                : null;
            foreach (var row in page)
            {
                yield return more is not null && more.TryGetValue(row.Id, out var detail)
                    ? new BlockMeta(row.Id, row.Min, row.Max, detail.Filter, detail.Levels == 0 ? LogFilter.AnyLevel : detail.Levels)
                    : new BlockMeta(row.Id, row.Min, row.Max, null);
            }
            if (page.Count < pageSize)
                yield break;
            (lastMax, lastId) = (page[^1].Max, page[^1].Id);
            pageSize = Math.Min(pageSize * 2, PageSize);
        }
    }

    /// <summary>Blocks from <paramref name="firstId"/> on, in the order they were stored.</summary>
    public async IAsyncEnumerable<BlockMeta> FromIdAsync(long projectId, long firstId,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var next = firstId;
        while (true)
        {
            var page = (await connection.QueryAsync<(long Id, long Min, long Max)>(new CommandDefinition(
                $"SELECT id, min_ts, max_ts FROM log_blocks WHERE project_id = @projectId AND id >= @next ORDER BY id LIMIT {PageSize}",
                new { projectId, next }, cancellationToken: cancellationToken))).ToList();
            foreach (var row in page)
                yield return new BlockMeta(row.Id, row.Min, row.Max, null);
            if (page.Count < PageSize)
                yield break;
            next = page[^1].Id + 1;
        }
    }

    public async Task<byte[]> DataAsync(long blockId, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<byte[]>(new CommandDefinition(
            "SELECT data FROM log_blocks WHERE id = @blockId", new { blockId }, cancellationToken: cancellationToken)) ?? [];

    /// <summary>The id the newest stored event of the project has, 0 when it has none.</summary>
    public async Task<long> LatestEventIdAsync(long projectId, CancellationToken cancellationToken)
    {
        var latest = await connection.QueryFirstOrDefaultAsync<(long Id, int Count)?>(new CommandDefinition(
            "SELECT id, count FROM log_blocks WHERE project_id = @projectId ORDER BY id DESC LIMIT 1", new { projectId }, cancellationToken: cancellationToken));
        return latest is { } block ? (block.Id << 16) | (long)(block.Count - 1) : 0;
    }
}
