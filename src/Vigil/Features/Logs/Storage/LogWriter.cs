using System.Collections.Concurrent;
using System.Data.Common;
using Vigil.Features.Logs.Ingest;
using Vigil.Infrastructure.Ingest;
using Vigil.Infrastructure.Observability;
using Vigil.Infrastructure.Storage;
using Vigil.Protocols.Logs;

namespace Vigil.Features.Logs.Storage;

/// <summary>Commits a batch of log records in one transaction: the event rows, their full-text
/// entries, any message template not stored yet, and the per-minute counts.</summary>
public sealed class LogWriter(Database database, VigilMetrics metrics) : IBatchSink<LogWork>
{
    public const string Stream = "log";
    private readonly ConcurrentDictionary<(long, long), bool> _knownTemplates = new();

    public async Task WriteAsync(IReadOnlyList<LogWork> batch, CancellationToken cancellationToken)
    {
        long count = 0;
        var minutes = new Dictionary<(long Project, long Minute, int Level), (long Count, long Bytes)>();
        var templates = new Dictionary<(long Project, long Hash), (string Template, long FirstSeen)>();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var postgres = database.Engine == StorageEngine.Postgres;
            await using var insert = SqlCommands.Create(connection, transaction,
                "INSERT INTO log_events (project_id, timestamp, level, message, template_hash, service, host, pid, trace_id, span_id, request_id, environment, exception, properties, size" +
                (postgres ? ", search) " : ") ") +
                "VALUES (@p, @t, @l, @m, @h, @s, @ho, @pid, @tr, @sp, @r, @e, @x, " + (postgres ? "CAST(@pr AS jsonb), @sz, to_tsvector('simple', @body))" : "@pr, @sz) RETURNING id"),
                postgres
                    ? ["@p", "@t", "@l", "@m", "@h", "@s", "@ho", "@pid", "@tr", "@sp", "@r", "@e", "@x", "@pr", "@sz", "@body"]
                    : ["@p", "@t", "@l", "@m", "@h", "@s", "@ho", "@pid", "@tr", "@sp", "@r", "@e", "@x", "@pr", "@sz"]);
            await using var text = postgres ? null : SqlCommands.Create(connection, transaction,
                "INSERT INTO log_text (rowid, body) VALUES (@id, @body)", "@id", "@body");
            var texts = new List<(object? Id, string Body)>();
            foreach (var work in batch)
            {
                foreach (var record in work.Records)
                {
                    var timestamp = record.Timestamp.ToUnixTimeMilliseconds();
                    var hash = unchecked((long)record.TemplateHash);
                    var properties = record.Properties.ToJsonString();
                    var size = record.Message.Length + properties.Length + (record.Exception?.Length ?? 0);
                    var body = LogText.Of(record);
                    if (postgres)
                    {
                        SqlCommands.Bind(insert, work.ProjectId, timestamp, (int)record.Level, record.Message, hash, record.Service, record.Host,
                            record.ProcessId, record.TraceId, record.SpanId, record.RequestId, record.Environment, record.Exception, properties, size, body);
                        await insert.ExecuteNonQueryAsync(cancellationToken);
                    }
                    else
                    {
                        SqlCommands.Bind(insert, work.ProjectId, timestamp, (int)record.Level, record.Message, hash, record.Service, record.Host,
                            record.ProcessId, record.TraceId, record.SpanId, record.RequestId, record.Environment, record.Exception, properties, size);
                        texts.Add((await insert.ExecuteScalarAsync(cancellationToken), body));
                    }
                    var minute = timestamp - timestamp % 60_000;
                    var slot = minutes.GetValueOrDefault((work.ProjectId, minute, (int)record.Level));
                    minutes[(work.ProjectId, minute, (int)record.Level)] = (slot.Count + 1, slot.Bytes + size);
                    if (!_knownTemplates.ContainsKey((work.ProjectId, hash)))
                        templates.TryAdd((work.ProjectId, hash), (record.Template ?? record.Message, timestamp));
                    count++;
                }
            }
            await WriteTemplatesAsync(connection, transaction, templates, cancellationToken);
            await WriteMinutesAsync(connection, transaction, minutes, cancellationToken);
            // Last, after every other write, not between the event rows: every insert into log_events opens a statement
            // savepoint, and FTS5 writes its pending words to disk at each savepoint. Interleaved, that is
            // one tiny segment (and merge work) per event; here it is one flush per batch, at commit.
            foreach (var (id, body) in texts)
            {
                SqlCommands.Bind(text!, id, body);
                await text!.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        foreach (var key in templates.Keys)
            _knownTemplates.TryAdd(key, true);
        if (_knownTemplates.Count > 200_000)
            _knownTemplates.Clear();
        metrics.Accepted.Add(Stream, amount: count);
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
