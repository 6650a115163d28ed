using System.Data.Common;
using Vigil.Features.Errors.Ingest;
using Vigil.Features.Errors.Issues;
using Vigil.Infrastructure.Ingest;
using Vigil.Infrastructure.Observability;
using Vigil.Infrastructure.Signals;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Errors.Storage;

/// <summary>Commits a batch of Sentry work in one transaction: finds or creates each event's issue,
/// stores the events (a repeated event_id is dropped as a duplicate), folds counts, users, tags,
/// hours and releases into the issue, applies regressions, then publishes the signals.</summary>
public sealed class EventWriter(Database database, VigilMetrics metrics, SignalBus signals, TimeProvider clock) : IBatchSink<SentryWork>
{
    public const string Stream = "error";

    public async Task WriteAsync(IReadOnlyList<SentryWork> batch, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var pending = new List<ISignal>();
        long accepted = 0, duplicates = 0;
        var recorded = new Dictionary<long, HashSet<long>>();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var issues = await LoadIssuesAsync(connection, transaction, batch, cancellationToken);
            var folds = new BatchAggregates();
            var rows = new List<object?[]>();
            foreach (var work in batch)
            {
                foreach (var ingested in work.Events)
                {
                    var ev = ingested.Event;
                    rows.Add([work.ProjectId, issues[(work.ProjectId, ingested.Grouping.Hash)].Id, ev.EventId, ev.Timestamp.ToUnixTimeMilliseconds(),
                        work.ReceivedAt, ev.Level, ev.Release, ev.Environment, ev.UserKey, ev.TraceId, ev.Title, new Utf8Text(ingested.PayloadUtf8)]);
                }
            }
            var inserted = new HashSet<(long, string)>();
            await MultiRowInsert.ExecuteAsync(connection, transaction,
                "INSERT INTO events (project_id, issue_id, event_id, timestamp, received_at, level, release, environment, user_key, trace_id, title, payload)",
                "ON CONFLICT (project_id, event_id) DO NOTHING RETURNING project_id, event_id",
                rows, reader => inserted.Add((reader.GetInt64(0), reader.GetString(1))), cancellationToken);
            foreach (var work in batch)
            {
                foreach (var ingested in work.Events)
                {
                    var ev = ingested.Event;
                    // A repeated event_id (stored before, or twice in this batch) was not inserted: the first copy claims the row.
                    if (!inserted.Remove((work.ProjectId, ev.EventId)))
                    {
                        duplicates++;
                        continue;
                    }
                    accepted++;
                    var issue = issues[(work.ProjectId, ingested.Grouping.Hash)];
                    if (!recorded.TryGetValue(work.ProjectId, out var recordedIssues))
                        recorded[work.ProjectId] = recordedIssues = [];
                    recordedIssues.Add(issue.Id);
                    var timestamp = ev.Timestamp.ToUnixTimeMilliseconds();
                    Fold(issue, ev, timestamp, now.ToUnixTimeMilliseconds(), pending, work.ProjectId);
                    folds.Add(issue.Id, ev, timestamp);
                }
            }
            await folds.WriteAsync(connection, transaction, issues.Values, cancellationToken);
            await UpdateIssuesAsync(connection, transaction, issues.Values, now.ToUnixTimeMilliseconds(), cancellationToken);
            await StoreItemsAsync(connection, transaction, batch, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        metrics.Accepted.Add(Stream, amount: accepted);
        if (duplicates > 0)
            metrics.Rejected.Add(Stream, "duplicate", duplicates);
        foreach (var signal in pending)
            signals.Publish(signal);
        foreach (var project in recorded)
            signals.Publish(new IssueEventsRecorded(now, project.Key, project.Value.ToList()));
    }

    private static void Fold(IssueState issue, Vigil.Protocols.Sentry.NormalizedEvent ev, long timestamp, long now, List<ISignal> pending, long projectId)
    {
        issue.Added++;
        issue.LastSeen = Math.Max(issue.LastSeen, timestamp);
        issue.Level = ev.Level;
        issue.LastRelease = ev.Release ?? issue.LastRelease;
        var change = IssueLifecycle.OnEvent(issue.Status, issue.ResolvedInRelease, issue.IgnoreUntil, issue.IgnoreUntilCount,
            ev.Release, issue.Count + issue.Added, now);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(now);
        if (issue.Created && issue.Added == 1)
            pending.Add(new IssueCreated(at, projectId, issue.Id, issue.Title, ev.Level, ev.Release, ev.Environment));
        if (change == IssueLifecycle.Change.None)
            return;
        issue.Status = IssueStatus.Unresolved;
        issue.StatusChanged = true;
        if (change == IssueLifecycle.Change.Regressed)
        {
            issue.Regressed = true;
            pending.Add(new IssueRegressed(at, projectId, issue.Id, issue.Title, ev.Level, ev.Release, ev.Environment));
        }
        else
        {
            pending.Add(new IssueUnignored(at, projectId, issue.Id, issue.Title));
        }
    }

    private async Task<Dictionary<(long, string), IssueState>> LoadIssuesAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<SentryWork> batch, CancellationToken cancellationToken)
    {
        var issues = new Dictionary<(long, string), IssueState>();
        foreach (var project in batch.Where(w => w.Events.Count > 0).GroupBy(w => w.ProjectId))
        {
            var firstByFingerprint = new Dictionary<string, IngestedEvent>();
            foreach (var ingested in project.SelectMany(w => w.Events))
                firstByFingerprint.TryAdd(ingested.Grouping.Hash, ingested);
            await using (var select = connection.CreateCommand())
            {
                select.Transaction = transaction;
                var names = new List<string>();
                foreach (var fingerprint in firstByFingerprint.Keys)
                {
                    var name = "@f" + names.Count;
                    names.Add(name);
                    var parameter = select.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = fingerprint;
                    select.Parameters.Add(parameter);
                }
                var projectParameter = select.CreateParameter();
                projectParameter.ParameterName = "@p";
                projectParameter.Value = project.Key;
                select.Parameters.Add(projectParameter);
                select.CommandText =
                    "SELECT id, fingerprint, status, resolved_in_release, ignore_until, ignore_until_count, times_seen, title, level, last_seen FROM issues " +
                    $"WHERE project_id = @p AND fingerprint IN ({string.Join(',', names)})" +
                    (database.Engine == StorageEngine.Postgres ? " FOR UPDATE" : "");
                await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    issues[(project.Key, reader.GetString(1))] = new IssueState
                    {
                        Id = reader.GetInt64(0),
                        Status = reader.GetString(2),
                        ResolvedInRelease = reader.IsDBNull(3) ? null : reader.GetString(3),
                        IgnoreUntil = reader.IsDBNull(4) ? null : reader.GetInt64(4),
                        IgnoreUntilCount = reader.IsDBNull(5) ? null : reader.GetInt64(5),
                        Count = reader.GetInt64(6),
                        Title = reader.GetString(7),
                        Level = reader.GetString(8),
                        LastSeen = reader.GetInt64(9),
                    };
                }
            }
            foreach (var (fingerprint, first) in firstByFingerprint)
            {
                if (!issues.ContainsKey((project.Key, fingerprint)))
                    issues[(project.Key, fingerprint)] = await CreateIssueAsync(connection, transaction, project.Key, first, cancellationToken);
            }
        }
        return issues;
    }

    private static async Task<IssueState> CreateIssueAsync(DbConnection connection, DbTransaction transaction, long projectId, IngestedEvent first, CancellationToken cancellationToken)
    {
        var ev = first.Event;
        var timestamp = ev.Timestamp.ToUnixTimeMilliseconds();
        await using var insert = SqlCommands.Create(connection, transaction,
            "INSERT INTO issues (project_id, fingerprint, grouping_variant, title, culprit, level, platform, status, first_seen, last_seen, times_seen, user_count, first_release, last_release) " +
            "VALUES (@p, @f, @v, @t, @c, @l, @pl, @s, @ts, @ts, 0, 0, @r, @r) RETURNING id",
            "@p", "@f", "@v", "@t", "@c", "@l", "@pl", "@s", "@ts", "@r");
        SqlCommands.Bind(insert, projectId, first.Grouping.Hash, first.Grouping.Variant, ev.Title, ev.Culprit, ev.Level, ev.Platform,
            IssueStatus.Unresolved, timestamp, ev.Release);
        var id = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken));
        return new IssueState { Id = id, Created = true, Status = IssueStatus.Unresolved, Title = ev.Title, Level = ev.Level, LastSeen = timestamp };
    }

    private const string UpdateIssue =
        "UPDATE issues SET times_seen = times_seen + @n, user_count = user_count + @u, " +
        "last_seen = CASE WHEN last_seen < @ls THEN @ls ELSE last_seen END, level = @l, last_release = COALESCE(@lr, last_release) WHERE id = @id";
    private const string ReopenIssue =
        "UPDATE issues SET status = 'unresolved', regressed_at = CASE WHEN @regressed = 1 THEN @now ELSE regressed_at END, " +
        "resolved_at = NULL, resolved_in_release = NULL, ignore_until = NULL, ignore_until_count = NULL WHERE id = @id";
    private static readonly string[] UpdateIssueParameters = ["@n", "@u", "@ls", "@l", "@lr", "@id"];
    private static readonly string[] ReopenIssueParameters = ["@regressed", "@now", "@id"];

    private static async Task UpdateIssuesAsync(DbConnection connection, DbTransaction transaction, IEnumerable<IssueState> issues, long now, CancellationToken cancellationToken)
    {
        var statements = new StatementBatch();
        foreach (var issue in issues)
        {
            if (issue.Added == 0)
                continue;
            statements.Add(UpdateIssue, UpdateIssueParameters, issue.Added, issue.NewUsers, issue.LastSeen, issue.Level, issue.LastRelease, issue.Id);
            if (issue.StatusChanged)
                statements.Add(ReopenIssue, ReopenIssueParameters, issue.Regressed ? 1 : 0, now, issue.Id);
        }
        await statements.ExecuteAsync(connection, transaction, cancellationToken);
    }

    private static async Task StoreItemsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<SentryWork> batch, CancellationToken cancellationToken)
    {
        if (!batch.Any(w => w.Items.Count > 0))
            return;
        await using var insert = SqlCommands.Create(connection, transaction,
            "INSERT INTO sentry_items (project_id, type, received_at, payload) VALUES (@p, @t, @r, @pl)", "@p", "@t", "@r", "@pl");
        foreach (var work in batch)
        {
            foreach (var item in work.Items)
            {
                SqlCommands.Bind(insert, work.ProjectId, item.Type, work.ReceivedAt, item.PayloadJson);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }
}
