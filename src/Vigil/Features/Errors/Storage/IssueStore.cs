using System.Text;
using Dapper;
using Vigil.Features.Errors.Issues;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Errors.Storage;

/// <summary>Reads issues and their events for the API, the CLI and the pages.</summary>
public sealed class IssueStore(Database database)
{
    private const string IssueColumns =
        "id AS Id, project_id AS ProjectId, fingerprint AS Fingerprint, grouping_variant AS GroupingVariant, title AS Title, culprit AS Culprit, " +
        "level AS Level, platform AS Platform, status AS Status, regressed_at AS RegressedAt, resolved_at AS ResolvedAt, " +
        "resolved_in_release AS ResolvedInRelease, ignore_until AS IgnoreUntil, ignore_until_count AS IgnoreUntilCount, first_seen AS FirstSeen, " +
        "last_seen AS LastSeen, times_seen AS Count, user_count AS UserCount, first_release AS FirstRelease, last_release AS LastRelease";

    private const string EventColumns =
        "id AS Id, issue_id AS IssueId, event_id AS EventId, timestamp AS Timestamp, level AS Level, release AS Release, " +
        "environment AS Environment, user_key AS UserKey, trace_id AS TraceId, title AS Title";

    public async Task<(IReadOnlyList<Issue> Issues, long Total)> ListAsync(long projectId, IssueQuery query, CancellationToken cancellationToken = default)
    {
        var where = new StringBuilder("project_id = @projectId");
        var parameters = new DynamicParameters(new { projectId, limit = Math.Clamp(query.Limit, 1, 500), offset = Math.Max(query.Offset, 0) });
        if (query.Status is not null)
        {
            where.Append(" AND status = @status");
            parameters.Add("status", query.Status);
        }
        if (query.Level is not null)
        {
            where.Append(" AND level = @level");
            parameters.Add("level", query.Level);
        }
        if (query.Environment is not null)
        {
            where.Append(" AND EXISTS (SELECT 1 FROM issue_tags t WHERE t.issue_id = issues.id AND t.key = 'environment' AND t.value = @environment)");
            parameters.Add("environment", query.Environment);
        }
        if (query.Release is not null)
        {
            where.Append(" AND EXISTS (SELECT 1 FROM issue_releases r WHERE r.issue_id = issues.id AND r.release = @release)");
            parameters.Add("release", query.Release);
        }
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            where.Append(" AND (LOWER(title) LIKE @text OR LOWER(culprit) LIKE @text)");
            parameters.Add("text", "%" + query.Text.Trim().ToLowerInvariant().Replace("%", "").Replace("_", "") + "%");
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM issues WHERE {where}", parameters);
        var issues = await connection.QueryAsync<IssueRow>(
            $"SELECT {IssueColumns} FROM issues WHERE {where} ORDER BY {IssueSort.Column(query.Sort)} DESC, id DESC LIMIT @limit OFFSET @offset", parameters);
        return (issues.Select(r => r.ToIssue()).ToList(), total);
    }

    /// <summary>Unresolved and total issue counts of every project that has issues.</summary>
    public async Task<IReadOnlyDictionary<long, IssueCounts>> CountsByProjectAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long ProjectId, long Unresolved, long Total)>(
            "SELECT project_id, SUM(CASE WHEN status = 'unresolved' THEN 1 ELSE 0 END), COUNT(*) FROM issues GROUP BY project_id");
        return rows.ToDictionary(r => r.ProjectId, r => new IssueCounts(r.ProjectId, r.Unresolved, r.Total));
    }

    public async Task<Issue?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<IssueRow>($"SELECT {IssueColumns} FROM issues WHERE id = @id", new { id });
        return row?.ToIssue();
    }

    /// <summary>An issue's events, newest first; <paramref name="beforeId"/> pages backwards.</summary>
    public async Task<IReadOnlyList<EventSummary>> EventsAsync(long issueId, int limit = 50, long? beforeId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<EventRow>(
            $"SELECT {EventColumns} FROM events WHERE issue_id = @issueId AND (@beforeId IS NULL OR id < @beforeId) ORDER BY id DESC LIMIT @limit",
            new { issueId, beforeId, limit = Math.Clamp(limit, 1, 500) });
        return rows.Select(r => r.ToSummary()).ToList();
    }

    /// <summary>One event of an issue with its payload; the latest when <paramref name="eventRowId"/> is null.</summary>
    public async Task<StoredEvent?> EventAsync(long issueId, long? eventRowId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<EventRow>(
            $"SELECT {EventColumns}, payload AS Payload FROM events WHERE issue_id = @issueId AND (@eventRowId IS NULL OR id = @eventRowId) ORDER BY id DESC LIMIT 1",
            new { issueId, eventRowId });
        if (row is null)
            return null;
        var previous = await connection.ExecuteScalarAsync<long?>(
            "SELECT MAX(id) FROM events WHERE issue_id = @issueId AND id < @id", new { issueId, id = row.Id });
        var next = await connection.ExecuteScalarAsync<long?>(
            "SELECT MIN(id) FROM events WHERE issue_id = @issueId AND id > @id", new { issueId, id = row.Id });
        return new StoredEvent(row.ToSummary(), row.Payload, previous, next);
    }

    /// <summary>Finds an event by its Sentry event_id within a project.</summary>
    public async Task<EventSummary?> FindEventAsync(long projectId, string eventId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<EventRow>(
            $"SELECT {EventColumns} FROM events WHERE project_id = @projectId AND event_id = @eventId", new { projectId, eventId });
        return row?.ToSummary();
    }

    /// <summary>Events received since <paramref name="since"/> (Unix ms) for one issue or a whole project, and how many
    /// distinct users they came from; what issue frequency alert rules count.</summary>
    public async Task<(long Events, long Users)> CountSinceAsync(long projectId, long? issueId, long since, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var sql = "SELECT COUNT(*) AS Events, COUNT(DISTINCT user_key) AS Users FROM events WHERE project_id = @projectId AND received_at >= @since" +
            (issueId is null ? "" : " AND issue_id = @issueId");
        var row = await connection.QuerySingleAsync<(long Events, long Users)>(
            new CommandDefinition(sql, new { projectId, issueId, since }, cancellationToken: cancellationToken));
        return row;
    }

    /// <summary>A project's error events that belong to one distributed trace, newest first (index ix_events_trace).</summary>
    public async Task<IReadOnlyList<EventSummary>> EventsByTraceAsync(long projectId, string traceId, int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<EventRow>(
            $"SELECT {EventColumns} FROM events WHERE trace_id = @traceId AND project_id = @projectId ORDER BY timestamp DESC, id DESC LIMIT @limit",
            new { projectId, traceId, limit = Math.Clamp(limit, 1, 500) });
        return rows.Select(r => r.ToSummary()).ToList();
    }

    public async Task<IReadOnlyList<TagDistribution>> TagsAsync(long issueId, int valuesPerKey = 10, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Key, string Value, long Count)>(
            "SELECT key, value, count FROM issue_tags WHERE issue_id = @issueId ORDER BY key, count DESC, value", new { issueId });
        return rows.GroupBy(r => r.Key)
            .Select(g => new TagDistribution(g.Key, g.Sum(r => r.Count), g.Take(valuesPerKey).Select(r => new TagValueCount(r.Value, r.Count)).ToList()))
            .ToList();
    }

    public async Task<IReadOnlyList<HourCount>> HoursAsync(long issueId, long from, long to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Hour, long Count)>(
            "SELECT hour, count FROM issue_hours WHERE issue_id = @issueId AND hour >= @from AND hour <= @to ORDER BY hour", new { issueId, from, to });
        return rows.Select(r => new HourCount(r.Hour, r.Count)).ToList();
    }

    /// <summary>A project's error events per time bucket (by arrival, which is indexed), per issue:
    /// the derived metric vigil.errors.events. <paramref name="issueIds"/> null means every issue.</summary>
    public async Task<IReadOnlyList<(long IssueId, long Bucket, long Count)>> EventBucketsAsync(long projectId, IReadOnlyList<long>? issueIds,
        long from, long to, long bucketMs, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var issues = issueIds is null ? "" : issueIds.Count == 0 ? " AND 1 = 0" : $" AND issue_id IN ({string.Join(',', issueIds)})";
        var rows = await connection.QueryAsync<(long IssueId, long Bucket, long Count)>(new CommandDefinition(
            "SELECT issue_id, (received_at - @from) / @bucketMs * @bucketMs + @from AS bucket, COUNT(*) FROM events " +
            $"WHERE project_id = @projectId AND received_at >= @from AND received_at < @to{issues} GROUP BY 1, 2",
            new { projectId, from, to, bucketMs }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public async Task<IReadOnlyList<ReleaseSeen>> ReleasesAsync(long issueId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Release, long FirstSeen, long LastSeen, long Count)>(
            "SELECT release, first_seen, last_seen, count FROM issue_releases WHERE issue_id = @issueId ORDER BY first_seen", new { issueId });
        return rows.Select(r => new ReleaseSeen(r.Release, r.FirstSeen, r.LastSeen, r.Count)).ToList();
    }

    /// <summary>Distinct environments and releases seen in a project, for the list's filter menus.</summary>
    public async Task<(IReadOnlyList<string> Environments, IReadOnlyList<string> Releases)> FacetsAsync(long projectId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var environments = await connection.QueryAsync<string>(
            "SELECT DISTINCT t.value FROM issue_tags t JOIN issues i ON i.id = t.issue_id WHERE i.project_id = @projectId AND t.key = 'environment' ORDER BY t.value LIMIT 100",
            new { projectId });
        var releases = await connection.QueryAsync<string>(
            "SELECT DISTINCT r.release FROM issue_releases r JOIN issues i ON i.id = r.issue_id WHERE i.project_id = @projectId ORDER BY r.release DESC LIMIT 100",
            new { projectId });
        return (environments.ToList(), releases.ToList());
    }

    private sealed class IssueRow
    {
        public long Id { get; set; }
        public long ProjectId { get; set; }
        public string Fingerprint { get; set; } = "";
        public string GroupingVariant { get; set; } = "";
        public string Title { get; set; } = "";
        public string Culprit { get; set; } = "";
        public string Level { get; set; } = "";
        public string Platform { get; set; } = "";
        public string Status { get; set; } = "";
        public long? RegressedAt { get; set; }
        public long? ResolvedAt { get; set; }
        public string? ResolvedInRelease { get; set; }
        public long? IgnoreUntil { get; set; }
        public long? IgnoreUntilCount { get; set; }
        public long FirstSeen { get; set; }
        public long LastSeen { get; set; }
        public long Count { get; set; }
        public long UserCount { get; set; }
        public string? FirstRelease { get; set; }
        public string? LastRelease { get; set; }

        public Issue ToIssue() => new(Id, ProjectId, Fingerprint, GroupingVariant, Title, Culprit, Level, Platform, Status, RegressedAt, ResolvedAt,
            ResolvedInRelease, IgnoreUntil, IgnoreUntilCount, FirstSeen, LastSeen, Count, UserCount, FirstRelease, LastRelease);
    }

    private sealed class EventRow
    {
        public long Id { get; set; }
        public long IssueId { get; set; }
        public string EventId { get; set; } = "";
        public long Timestamp { get; set; }
        public string Level { get; set; } = "";
        public string? Release { get; set; }
        public string? Environment { get; set; }
        public string? UserKey { get; set; }
        public string? TraceId { get; set; }
        public string Title { get; set; } = "";
        public string Payload { get; set; } = "";

        public EventSummary ToSummary() => new(Id, IssueId, EventId, Timestamp, Level, Release, Environment, UserKey, TraceId, Title);
    }
}
