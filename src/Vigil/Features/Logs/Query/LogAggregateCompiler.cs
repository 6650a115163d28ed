using System.Globalization;
using Vigil.Protocols.LogQuery;

namespace Vigil.Features.Logs.Query;

/// <summary>Turns <c>| aggregates by keys</c> into SELECT and GROUP BY over log_events.</summary>
public sealed class LogAggregateCompiler(ILogSqlDialect dialect)
{
    public const int MaxRows = 1000;

    /// <returns>the SQL (with <paramref name="where"/> as its condition) and the result's column names</returns>
    public (string Sql, IReadOnlyList<string> Columns) Compile(Aggregation aggregation, string where, SqlParameters parameters)
    {
        var select = new List<string>();
        var columns = new List<string>();
        foreach (var key in aggregation.GroupBy)
        {
            select.Add(key.Bin is { } bin
                ? $"(timestamp / {parameters.Add((long)bin.TotalMilliseconds)}) * {parameters.Add((long)bin.TotalMilliseconds)}"
                : Text(key.Field!, parameters));
            columns.Add(key.Field?.Name ?? "time");
        }
        foreach (var call in aggregation.Calls)
        {
            select.Add(Aggregate(call, parameters));
            columns.Add(call.Label);
        }
        var sql = new System.Text.StringBuilder("SELECT ")
            .Append(string.Join(", ", select.Select((s, i) => $"{s} AS c{i}")))
            .Append(" FROM log_events WHERE ").Append(where);
        var keyCount = aggregation.GroupBy.Count;
        if (keyCount > 0)
            sql.Append(" GROUP BY ").Append(string.Join(", ", Enumerable.Range(1, keyCount).Select(i => i.ToString(CultureInfo.InvariantCulture))));
        var binIndex = aggregation.GroupBy.ToList().FindIndex(k => k.Bin is not null);
        sql.Append(binIndex >= 0 ? $" ORDER BY {binIndex + 1}" : keyCount > 0 ? $" ORDER BY {keyCount + 1} DESC" : "");
        sql.Append(" LIMIT ").Append(MaxRows);
        return (sql.ToString(), columns);
    }

    private string Aggregate(AggregateCall call, SqlParameters parameters) => call.Function switch
    {
        AggregateFunction.Count when call.Field is null => "COUNT(*)",
        AggregateFunction.Count => $"COUNT({Text(call.Field, parameters)})",
        AggregateFunction.CountDistinct => $"COUNT(DISTINCT {Text(call.Field!, parameters)})",
        AggregateFunction.Min => $"MIN({Number(call.Field!, parameters)})",
        AggregateFunction.Max => $"MAX({Number(call.Field!, parameters)})",
        AggregateFunction.Avg => $"AVG({Number(call.Field!, parameters)})",
        AggregateFunction.Sum => $"SUM({Number(call.Field!, parameters)})",
        _ => dialect.Percentile(Number(call.Field!, parameters), call.Argument ?? 50),
    };

    private string Text(FieldPath path, SqlParameters parameters)
    {
        var field = LogField.Resolve(path);
        return field.Column ?? dialect.PropertyAsText(dialect.Property(path, parameters));
    }

    private string Number(FieldPath path, SqlParameters parameters)
    {
        var field = LogField.Resolve(path);
        return field.Kind switch
        {
            LogFieldKind.Property => dialect.PropertyAsNumber(dialect.Property(path, parameters)),
            LogFieldKind.Text => "NULL",
            _ => field.Column!,
        };
    }
}
