using System.Data.Common;
using Vigil.Features.Metrics.Ingest;
using Vigil.Infrastructure.Ingest;
using Vigil.Infrastructure.Observability;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Metrics.Storage;

/// <summary>
/// Commits a batch of metric samples in one transaction: resolves (or creates, within the
/// cardinality limit) each series, then merges the samples into their 10-second, 1-minute and
/// 1-hour points. Rollups happen here rather than in a worker: the writer already holds the merged
/// aggregate, so the three resolutions commit together and never disagree, late samples (DogStatsD
/// timestamps, OTLP) land in their own minute and hour without a watermark, and there is no
/// second pass over the raw table to schedule or to catch up after a restart.
/// </summary>
public sealed class MetricWriter(Database database, SeriesCatalog catalog, VigilMetrics metrics, TimeProvider clock) : IBatchSink<MetricWork>
{
    public const string Stream = "metrics";

    public async Task WriteAsync(IReadOnlyList<MetricWork> batch, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var resolved = new List<(long Project, string Identity, SeriesCatalog.Known Series)>();
        var created = new Dictionary<long, int>();
        var points = MetricResolution.All.ToDictionary(r => r, _ => new Dictionary<(long Series, long Bucket), MetricAggregate>());
        var touched = new HashSet<long>();
        long accepted = 0, overLimit = 0, conflicts = 0;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var pending = new Dictionary<(long, string), SeriesCatalog.Known?>();
        foreach (var work in batch)
        {
            work.RejectedSamples = 0;
            foreach (var sample in work.Samples)
            {
                var tags = SeriesIdentity.CanonicalTags(sample.Tags);
                var identity = SeriesIdentity.Of(sample.Name, tags);
                if (!catalog.TryGet(work.ProjectId, identity, out var series) && !pending.TryGetValue((work.ProjectId, identity), out series))
                {
                    var (found, isNew) = await catalog.ResolveAsync(connection, transaction, work.ProjectId, identity, sample.Name, tags,
                        sample.Value.Kind, sample.Unit, now, created.GetValueOrDefault(work.ProjectId), cancellationToken);
                    pending[(work.ProjectId, identity)] = series = found;
                    if (found is not null)
                        resolved.Add((work.ProjectId, identity, found));
                    if (isNew)
                        created[work.ProjectId] = created.GetValueOrDefault(work.ProjectId) + 1;
                }
                if (series is null)
                {
                    overLimit++;
                    work.RejectedSamples++;
                    continue;
                }
                if (series.Kind != sample.Value.Kind)
                {
                    conflicts++;
                    work.RejectedSamples++;
                    continue;
                }
                foreach (var resolution in MetricResolution.All)
                {
                    var key = (series.Id, resolution.BucketOf(sample.BucketStartMs));
                    if (!points[resolution].TryGetValue(key, out var point))
                        points[resolution][key] = point = new MetricAggregate(series.Kind);
                    point.Merge(sample.Value);
                }
                touched.Add(series.Id);
                accepted++;
            }
        }
        foreach (var (resolution, merged) in points)
            await MergePointsAsync(connection, transaction, resolution, merged, cancellationToken);
        await TouchAsync(connection, transaction, touched, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        catalog.Commit(resolved, created);
        metrics.Accepted.Add(Stream, amount: accepted);
        if (overLimit > 0)
            metrics.Rejected.Add(Stream, "cardinality", overLimit);
        if (conflicts > 0)
            metrics.Rejected.Add(Stream, "kind_conflict", conflicts);
    }

    /// <summary>Read-modify-write: rows already stored for these buckets merge with the batch's
    /// aggregates in C# (sketches and sets cannot be merged in SQL), then one upsert per row.</summary>
    private static async Task MergePointsAsync(DbConnection connection, DbTransaction transaction, MetricResolution resolution,
        Dictionary<(long Series, long Bucket), MetricAggregate> merged, CancellationToken cancellationToken)
    {
        if (merged.Count == 0)
            return;
        foreach (var bucket in merged.Keys.Select(k => k.Bucket).Distinct())
        {
            var series = merged.Keys.Where(k => k.Bucket == bucket).Select(k => k.Series).ToList();
            // Ids are longs the writer holds, so inlining them is safe and keeps one statement per 500.
            foreach (var chunk in series.Chunk(500))
            {
                await using var select = connection.CreateCommand();
                select.Transaction = transaction;
                select.CommandText = $"SELECT {PointCodec.Columns} FROM {resolution.Table} WHERE bucket = {bucket} AND series_id IN ({string.Join(',', chunk)})";
                await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var point = merged[(reader.GetInt64(0), bucket)];
                    point.Merge(PointCodec.Read(reader, 2, point.Kind));
                }
            }
        }
        var rows = merged.Select(pair => PointCodec.Row(pair.Key.Series, pair.Key.Bucket, pair.Value)).ToList();
        await MultiRowInsert.ExecuteAsync(connection, transaction, $"INSERT INTO {resolution.Table} ({PointCodec.Columns})",
            "ON CONFLICT (series_id, bucket) DO UPDATE SET count = excluded.count, sum = excluded.sum, min = excluded.min, max = excluded.max, " +
            "last = excluded.last, last_at = excluded.last_at, sketch = excluded.sketch, set_blob = excluded.set_blob",
            rows, null, cancellationToken);
    }

    private static async Task TouchAsync(DbConnection connection, DbTransaction transaction, HashSet<long> series, long now, CancellationToken cancellationToken)
    {
        foreach (var chunk in series.Chunk(500))
        {
            await using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = $"UPDATE metric_series SET last_seen = {now} WHERE last_seen < {now - 60_000} AND id IN ({string.Join(',', chunk)})";
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
