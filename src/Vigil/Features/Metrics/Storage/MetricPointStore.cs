using System.Data.Common;
using Vigil.Features.Metrics.Sketches;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Metrics.Storage;

/// <summary>
/// Reads stored points of some series in a time range at one resolution, handing each to a visitor
/// instead of collecting objects: a month of minutes for 20 series is 864,000 rows. Only the columns
/// asked for are selected; sketches and sets are deserialized only then.
/// </summary>
public sealed class MetricPointStore(Database database)
{
    private const string Empty = "NULL";

    public async Task ReadAsync(MetricResolution resolution, IReadOnlyCollection<long> seriesIds, long fromMs, long toMs,
        PointColumns columns, StoredPointVisitor visit, CancellationToken cancellationToken = default)
    {
        if (seriesIds.Count == 0)
            return;
        var select = string.Join(", ",
            Pick(columns, PointColumns.Count, "count"), Pick(columns, PointColumns.Sum, "sum"),
            Pick(columns, PointColumns.Min, "min"), Pick(columns, PointColumns.Max, "max"),
            Pick(columns, PointColumns.Last, "last"), Pick(columns, PointColumns.Last, "last_at"),
            Pick(columns, PointColumns.Sketch, "sketch"), Pick(columns, PointColumns.Set, "set_blob"));
        await using var connection = await database.OpenAsync(cancellationToken);
        // One prepared statement run per series: the series id is a parameter, not a column read back on
        // every row, and the primary key (series_id, bucket) hands each series' rows over in order.
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT bucket, {select} FROM {resolution.Table} " +
            "WHERE series_id = @series AND bucket >= @from AND bucket < @to";
        var series = Add(command, "@series", 0);
        Add(command, "@from", fromMs);
        Add(command, "@to", toMs);
        foreach (var id in seriesIds)
        {
            series.Value = id;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (database.Engine == StorageEngine.Sqlite)
            {
                // Microsoft.Data.Sqlite steps synchronously anyway; its ReadAsync only adds a task per row.
                while (reader.Read())
                    visit(Read(id, reader, columns));
            }
            else
            {
                while (await reader.ReadAsync(cancellationToken))
                    visit(Read(id, reader, columns));
            }
        }
    }

    /// <summary>The latest stored level of a gauge series (finest resolution first, since rollups hold the
    /// same values longer); null when the series or its points are gone.</summary>
    public async Task<double?> LastGaugeValueAsync(long projectId, string identity, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var resolution in MetricResolution.All)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT p.last FROM metric_series s JOIN {resolution.Table} p ON p.series_id = s.id " +
                $"WHERE s.project_id = @project AND s.identity = @identity AND s.kind = {(int)MetricKind.Gauge} AND p.last IS NOT NULL " +
                "ORDER BY p.bucket DESC LIMIT 1";
            Add(command, "@project", projectId);
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@identity";
            parameter.Value = identity;
            command.Parameters.Add(parameter);
            if (await command.ExecuteScalarAsync(cancellationToken) is double last)
                return last;
        }
        return null;
    }

    private static StoredPoint Read(long seriesId, DbDataReader reader, PointColumns columns) => new(
        seriesId,
        reader.GetInt64(0),
        (columns & PointColumns.Count) != 0 ? reader.GetDouble(1) : 0,
        (columns & PointColumns.Sum) != 0 ? reader.GetDouble(2) : 0,
        (columns & PointColumns.Min) != 0 && !reader.IsDBNull(3) ? reader.GetDouble(3) : double.PositiveInfinity,
        (columns & PointColumns.Max) != 0 && !reader.IsDBNull(4) ? reader.GetDouble(4) : double.NegativeInfinity,
        (columns & PointColumns.Last) != 0 && !reader.IsDBNull(5) ? reader.GetDouble(5) : 0,
        (columns & PointColumns.Last) != 0 && !reader.IsDBNull(6) ? reader.GetInt64(6) : long.MinValue,
        (columns & PointColumns.Sketch) != 0 && !reader.IsDBNull(7) ? DDSketchSerializer.Read((byte[])reader.GetValue(7)) : null,
        (columns & PointColumns.Set) != 0 && !reader.IsDBNull(8) ? HyperLogLog.FromBytes((byte[])reader.GetValue(8)) : null);

    private static string Pick(PointColumns asked, PointColumns column, string name) => (asked & column) != 0 ? name : Empty;

    private static DbParameter Add(DbCommand command, string name, long value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
