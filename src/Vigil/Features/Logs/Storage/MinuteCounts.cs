using Vigil.Features.Logs.Blocks.Evaluation;
using Dapper;
using Vigil.Features.Logs.Query;
using Vigil.Infrastructure.Storage;
using Vigil.Protocols.LogQuery;

namespace Vigil.Features.Logs.Storage;

/// <summary>Answers unfiltered counts by time (and level) from the per-minute counts kept at
/// ingest, so "events per minute over a day" reads 1,440 rows, not millions.</summary>
public static class MinuteCounts
{
    public static bool CanAnswer(Aggregation aggregation, QueryNode? filter) =>
        filter is null
        && aggregation.Calls.All(c => c.Function == AggregateFunction.Count && c.Field is null)
        && aggregation.GroupBy.Count > 0
        && aggregation.GroupBy.All(k => k.Bin is { } bin ? bin.TotalMilliseconds % 60_000 == 0 : EventField.Resolve(k.Field!).Kind == EventFieldKind.Level);

    /// <summary>As LogAggregator orders rows: by bin then the other keys, or without a bin by the count, largest first.</summary>
    private static string Order(int binIndex, int keys) => binIndex >= 0
        ? string.Join(", ", Enumerable.Range(1, keys).OrderBy(i => i == binIndex + 1 ? 0 : i))
        : $"{keys + 1} DESC";

    public static async Task<AggregateResult> AggregateAsync(Database database, long projectId, Aggregation aggregation, TimeRange range, CancellationToken cancellationToken)
    {
        var select = aggregation.GroupBy.Select(k => k.Bin is { } bin ? $"(minute / {(long)bin.TotalMilliseconds}) * {(long)bin.TotalMilliseconds}" : "level").ToList();
        var groups = string.Join(", ", Enumerable.Range(1, select.Count));
        var binIndex = aggregation.GroupBy.ToList().FindIndex(k => k.Bin is not null);
        var sql = $"SELECT {string.Join(", ", select)}, SUM(count) FROM log_minutes " +
                  "WHERE project_id = @projectId AND minute >= @from AND minute < @to " +
                  $"GROUP BY {groups} ORDER BY {Order(binIndex, select.Count)}";
        await using var connection = await database.OpenAsync(cancellationToken);
        var from = range.From - range.From % 60_000;
        var rows = new List<object?[]>();
        await using var reader = await connection.ExecuteReaderAsync(sql, new { projectId, from, to = range.To });
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[select.Count + aggregation.Calls.Count];
            for (var i = 0; i < select.Count; i++)
                row[i] = reader.GetInt64(i);
            for (var i = 0; i < aggregation.Calls.Count; i++)
                row[select.Count + i] = reader.GetInt64(select.Count);
            rows.Add(ResultValues.Present(aggregation, row));
        }
        var columns = aggregation.GroupBy.Select(k => k.Field?.Name ?? "time").Concat(aggregation.Calls.Select(c => c.Label)).ToList();
        return new AggregateResult(columns, rows);
    }
}
