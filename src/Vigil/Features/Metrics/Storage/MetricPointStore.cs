using Vigil.Features.Metrics.Ingest;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Metrics.Storage;

/// <summary>Reads stored points of some series in a time range at one resolution. Sketches and sets
/// are read (and deserialized) only when the caller asks for them: most charts need neither.</summary>
public sealed class MetricPointStore(Database database)
{
    public sealed record Point(long SeriesId, long Bucket, MetricAggregate Value);

    public async Task<IReadOnlyList<Point>> ReadAsync(MetricResolution resolution, IReadOnlyDictionary<long, MetricKind> series,
        long fromMs, long toMs, bool sketches, bool sets, CancellationToken cancellationToken = default)
    {
        var points = new List<Point>();
        if (series.Count == 0)
            return points;
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var chunk in series.Keys.Chunk(500))
        {
            await using var command = connection.CreateCommand();
            // Series ids are longs from the catalog, safe to inline; the times are parameters.
            command.CommandText =
                $"SELECT series_id, bucket, count, sum, min, max, last, last_at, {(sketches ? "sketch" : "NULL")}, {(sets ? "set_blob" : "NULL")} " +
                $"FROM {resolution.Table} WHERE series_id IN ({string.Join(',', chunk)}) AND bucket >= @from AND bucket < @to";
            Add(command, "@from", fromMs);
            Add(command, "@to", toMs);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt64(0);
                points.Add(new Point(id, reader.GetInt64(1), PointCodec.Read(reader, 2, series[id])));
            }
        }
        return points;
    }

    private static void Add(System.Data.Common.DbCommand command, string name, long value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
