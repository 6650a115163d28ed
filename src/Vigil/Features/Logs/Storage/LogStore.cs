using System.Data.Common;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Vigil.Features.Logs.Query;
using Vigil.Infrastructure.Storage;
using Vigil.Protocols.LogQuery;
using Vigil.Protocols.Logs;
using LogLevel = Vigil.Protocols.Logs.LogLevel;

namespace Vigil.Features.Logs.Storage;

/// <summary>Runs log queries: pages of events, aggregations, histograms, top templates and the tail.</summary>
public sealed class LogStore(Database database, IOptions<LogsOptions>? options = null)
{
    private const string EventColumns =
        "e.id AS Id, e.timestamp AS Timestamp, e.level AS Level, e.message AS Message, t.template AS Template, e.service AS Service, e.host AS Host, " +
        "e.pid AS Pid, e.trace_id AS TraceId, e.span_id AS SpanId, e.request_id AS RequestId, e.environment AS Environment, e.exception AS Exception, " +
        "CAST(e.properties AS TEXT) AS Properties";

    private readonly ILogSqlDialect _dialect = database.Engine == StorageEngine.Postgres ? new PostgresLogDialect() : new SqliteLogDialect();

    /// <summary>Events matching <paramref name="query"/>'s filter, newest first.</summary>
    public async Task<LogPage> SearchAsync(long projectId, Vigil.Protocols.LogQuery.Query query, TimeRange range, int limit, string? cursor, CancellationToken cancellationToken = default)
    {
        var parameters = new SqlParameters();
        await using var connection = await OpenAsync(cancellationToken);
        var source = "log_events";
        var filter = query.Filter;
        if (database.Engine == StorageEngine.Sqlite && FullTextFirst.RequiredTerm(filter) is { } term
            && await IsRareAsync(connection, term, cancellationToken))
        {
            // CROSS JOIN fixes the loop order in SQLite: the index's few rows outside, events looked up by id.
            source = $"(SELECT rowid AS rid FROM log_text WHERE log_text MATCH {parameters.Add(SqliteLogDialect.Phrase(term.Text))}) f CROSS JOIN log_events ON log_events.id = f.rid";
            filter = FullTextFirst.Without(filter, term);
        }
        var where = new StringBuilder(Base(projectId, range, filter, parameters));
        if (LogCursor.Decode(cursor) is { } after)
            where.Append($" AND (timestamp < {parameters.Add(after.Timestamp)} OR (timestamp = {parameters.Add(after.Timestamp)} AND id < {parameters.Add(after.Id)}))");
        limit = Math.Clamp(limit, 1, 1000);
        var sql = $"SELECT {EventColumns} FROM (SELECT log_events.* FROM {source} WHERE {where} ORDER BY timestamp DESC, id DESC LIMIT {limit}) e " +
                  "LEFT JOIN log_templates t ON t.project_id = e.project_id AND t.hash = e.template_hash ORDER BY e.timestamp DESC, e.id DESC";
        var rows = (await connection.QueryAsync<EventRow>(new CommandDefinition(sql, parameters.Values, cancellationToken: cancellationToken))).ToList();
        var next = rows.Count == limit ? LogCursor.Encode(rows[^1].Timestamp, rows[^1].Id) : null;
        return new LogPage(rows.Select(r => r.ToView()).ToList(), next);
    }

    /// <summary>Events after <paramref name="afterId"/> matching the filter, oldest first: what the live tail shows next.</summary>
    public async Task<IReadOnlyList<LogEventView>> AfterAsync(long projectId, QueryNode? filter, long afterId, int limit, CancellationToken cancellationToken = default)
    {
        var parameters = new SqlParameters();
        var where = $"project_id = {parameters.Add(projectId)} AND id > {parameters.Add(afterId)} AND {Filter(filter, parameters)}";
        var sql = $"SELECT {EventColumns} FROM (SELECT * FROM log_events WHERE {where} ORDER BY id LIMIT {Math.Clamp(limit, 1, 1000)}) e " +
                  "LEFT JOIN log_templates t ON t.project_id = e.project_id AND t.hash = e.template_hash ORDER BY e.id";
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<EventRow>(new CommandDefinition(sql, parameters.Values, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToView()).ToList();
    }

    public async Task<long> LatestIdAsync(long projectId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>("SELECT MAX(id) FROM log_events WHERE project_id = @projectId", new { projectId }) ?? 0;
    }

    public async Task<AggregateResult> AggregateAsync(long projectId, Aggregation aggregation, QueryNode? filter, TimeRange range, CancellationToken cancellationToken = default)
    {
        if (MinuteCounts.CanAnswer(aggregation, filter))
            return await MinuteCounts.AggregateAsync(database, projectId, aggregation, range, cancellationToken);
        var parameters = new SqlParameters();
        var (sql, columns) = new LogAggregateCompiler(_dialect).Compile(aggregation, Base(projectId, range, filter, parameters), parameters);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters.Values.ParameterNames)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = parameters.Values.Get<object?>(name) ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(ResultValues.Present(aggregation, row));
        }
        return new AggregateResult(columns, rows);
    }

    /// <summary>Matching events per time bin, for the search page's histogram.</summary>
    public async Task<IReadOnlyList<HistogramBin>> HistogramAsync(long projectId, QueryNode? filter, TimeRange range, TimeSpan bin, CancellationToken cancellationToken = default)
    {
        var aggregation = new Aggregation([new AggregateCall(AggregateFunction.Count, null, null, 0)], [new GroupKey(null, bin)]);
        var result = await AggregateAsync(projectId, aggregation, filter, range, cancellationToken);
        return result.Rows.Select(r => new HistogramBin((DateTimeOffset)r[0]!, Convert.ToInt64(r[1]))).ToList();
    }

    /// <summary>The most frequent message templates among matching events.</summary>
    public async Task<IReadOnlyList<TemplateCount>> TopTemplatesAsync(long projectId, QueryNode? filter, TimeRange range, int limit, CancellationToken cancellationToken = default)
    {
        var parameters = new SqlParameters();
        var sql = $"SELECT c.hash AS Hash, COALESCE(t.template, '') AS Template, c.n AS Count FROM " +
                  $"(SELECT template_hash AS hash, COUNT(*) AS n FROM log_events WHERE {Base(projectId, range, filter, parameters)} GROUP BY template_hash ORDER BY n DESC LIMIT {Math.Clamp(limit, 1, 100)}) c " +
                  $"LEFT JOIN log_templates t ON t.project_id = {parameters.Add(projectId)} AND t.hash = c.hash ORDER BY c.n DESC";
        await using var connection = await OpenAsync(cancellationToken);
        return (await connection.QueryAsync<TemplateCount>(new CommandDefinition(sql, parameters.Values, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Whether the full-text index holds at most Logs:FullTextFirstLimit rows for the term
    /// (counting stops there, so asking costs little even for a common word).</summary>
    private async Task<bool> IsRareAsync(DbConnection connection, TextNode term, CancellationToken cancellationToken)
    {
        var limit = options?.Value.FullTextFirstLimit ?? new LogsOptions().FullTextFirstLimit;
        if (limit <= 0)
            return false;
        var matches = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM (SELECT rowid FROM log_text WHERE log_text MATCH @phrase LIMIT @cap)",
            new { phrase = SqliteLogDialect.Phrase(term.Text), cap = limit + 1 }, cancellationToken: cancellationToken));
        return matches <= limit;
    }

    private string Base(long projectId, TimeRange range, QueryNode? filter, SqlParameters parameters) =>
        $"project_id = {parameters.Add(projectId)} AND timestamp >= {parameters.Add(range.From)} AND timestamp < {parameters.Add(range.To)} AND {Filter(filter, parameters)}";

    private string Filter(QueryNode? filter, SqlParameters parameters) => new LogFilterCompiler(_dialect).Compile(filter, parameters);

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        if (connection is SqliteConnection sqlite)
            SqlitePercentile.Register(sqlite);
        return connection;
    }

    private sealed class EventRow
    {
        public long Id { get; set; }
        public long Timestamp { get; set; }
        public long Level { get; set; }
        public string Message { get; set; } = "";
        public string? Template { get; set; }
        public string? Service { get; set; }
        public string? Host { get; set; }
        public long? Pid { get; set; }
        public string? TraceId { get; set; }
        public string? SpanId { get; set; }
        public string? RequestId { get; set; }
        public string? Environment { get; set; }
        public string? Exception { get; set; }
        public string Properties { get; set; } = "{}";

        public LogEventView ToView() => new(Id, DateTimeOffset.FromUnixTimeMilliseconds(Timestamp), LogLevels.Name((LogLevel)Level), Message,
            Template, Service, Host, (int?)Pid, TraceId, SpanId, RequestId, Environment, Exception, JsonNode.Parse(Properties));
    }
}
