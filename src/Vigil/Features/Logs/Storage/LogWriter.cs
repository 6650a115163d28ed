using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using Vigil.Features.Logs.Blocks;
using Vigil.Features.Logs.Ingest;
using Vigil.Infrastructure.Ingest;
using Vigil.Infrastructure.Observability;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Logs.Storage;

/// <summary>Commits a batch of encoded log events in one transaction: each project's events packed into
/// blocks (one row per block, see <see cref="LogBlockBuilder"/>), any message template not stored
/// yet, and the per-minute counts.</summary>
public sealed class LogWriter(Database database, VigilMetrics metrics, IOptions<LogsOptions> options) : IBatchSink<LogWork>
{
    public const string Stream = "log";
    private readonly ConcurrentDictionary<(long, long), bool> _knownTemplates = new();

    public async Task WriteAsync(IReadOnlyList<LogWork> batch, CancellationToken cancellationToken)
    {
        var minutes = new Dictionary<(long Project, long Minute, int Level), (long Count, long Bytes)>();
        var templates = new Dictionary<(long Project, long Hash), (string Template, long FirstSeen)>();
        var (blocks, count) = Pack(batch, minutes, templates);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await WriteBlocksAsync(connection, transaction, blocks, cancellationToken);
            await WriteTemplatesAsync(connection, transaction, templates, cancellationToken);
            await WriteMinutesAsync(connection, transaction, minutes, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        foreach (var key in templates.Keys)
            _knownTemplates.TryAdd(key, true);
        if (_knownTemplates.Count > 200_000)
            _knownTemplates.Clear();
        metrics.Accepted.Add(Stream, amount: count);
    }

    /// <summary>Packs the batch's encoded events into blocks, folds their minute counts and new
    /// templates, and gives the encoded buffers back to their pool.</summary>
    private (List<LogBlock> Blocks, long Count) Pack(IReadOnlyList<LogWork> batch,
        Dictionary<(long Project, long Minute, int Level), (long Count, long Bytes)> minutes,
        Dictionary<(long Project, long Hash), (string Template, long FirstSeen)> templates)
    {
        long count = 0;
        var builders = new Dictionary<long, LogBlockBuilder>();
        try
        {
            foreach (var work in batch)
            {
                if (!builders.TryGetValue(work.ProjectId, out var builder))
                    builders[work.ProjectId] = builder = new LogBlockBuilder(work.ProjectId, Math.Clamp(options.Value.BlockEvents, 1, 65_536));
                var events = work.Events;
                for (var i = 0; i < events.Count; i++)
                    builder.Add(events, i);
                count += events.Count;
                foreach (var ((minute, level), (n, bytes)) in events.Minutes)
                {
                    ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(minutes, (work.ProjectId, minute, level), out _);
                    slot = (slot.Count + n, slot.Bytes + bytes);
                }
                foreach (var (hash, template) in events.Templates)
                {
                    if (!_knownTemplates.ContainsKey((work.ProjectId, hash)))
                        templates.TryAdd((work.ProjectId, hash), template);
                }
                events.Dispose();
            }
            return ([.. builders.Values.SelectMany(b => b.Finish())], count);
        }
        finally
        {
            foreach (var builder in builders.Values)
                builder.Dispose();
        }
    }

    private static async Task WriteBlocksAsync(DbConnection connection, DbTransaction transaction, IEnumerable<LogBlock> blocks, CancellationToken cancellationToken)
    {
        await using var insert = SqlCommands.Create(connection, transaction,
            "INSERT INTO log_blocks (project_id, min_ts, max_ts, count, levels, filter, data) VALUES (@p, @min, @max, @n, @l, @f, @d)",
            "@p", "@min", "@max", "@n", "@l", "@f", "@d");
        foreach (var block in blocks)
        {
            SqlCommands.Bind(insert, block.ProjectId, block.MinTimestamp, block.MaxTimestamp, block.Count, block.Levels, block.Filter, block.Data);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task WriteTemplatesAsync(DbConnection connection, DbTransaction transaction,
        Dictionary<(long Project, long Hash), (string Template, long FirstSeen)> templates, CancellationToken cancellationToken)
    {
        if (templates.Count == 0)
            return;
        await using var insert = SqlCommands.Create(connection, transaction,
            "INSERT INTO log_templates (project_id, hash, template, first_seen) VALUES (@p, @h, @t, @f) ON CONFLICT DO NOTHING", "@p", "@h", "@t", "@f");
        foreach (var ((project, hash), (template, firstSeen)) in templates)
        {
            SqlCommands.Bind(insert, project, hash, template.Length > 2000 ? template[..2000] : template, firstSeen);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task WriteMinutesAsync(DbConnection connection, DbTransaction transaction,
        Dictionary<(long Project, long Minute, int Level), (long Count, long Bytes)> minutes, CancellationToken cancellationToken)
    {
        await using var upsert = SqlCommands.Create(connection, transaction,
            "INSERT INTO log_minutes (project_id, minute, level, count, bytes) VALUES (@p, @m, @l, @c, @b) " +
            "ON CONFLICT (project_id, minute, level) DO UPDATE SET count = log_minutes.count + excluded.count, bytes = log_minutes.bytes + excluded.bytes",
            "@p", "@m", "@l", "@c", "@b");
        foreach (var ((project, minute, level), (count, bytes)) in minutes)
        {
            SqlCommands.Bind(upsert, project, minute, level, count, bytes);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
