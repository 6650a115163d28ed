using Vigil.Infrastructure.Storage;
using System.Data.Common;
using Vigil.Protocols.Sentry;

namespace Vigil.Features.Errors.Storage;

/// <summary>Per-issue counts folded in memory over one batch, then written as multi-row upserts, so a
/// batch costs a handful of statements, not one per event or per distinct row.</summary>
internal sealed class BatchAggregates
{
    private readonly HashSet<(long Issue, string User)> _users = [];
    private readonly Dictionary<(long Issue, string Key, string Value), (long Count, long LastSeen)> _tags = [];
    private readonly Dictionary<(long Issue, long Hour), long> _hours = [];
    private readonly Dictionary<(long Issue, string Release), (long First, long Last, long Count)> _releases = [];

    public void Add(long issueId, NormalizedEvent ev, long timestamp)
    {
        if (ev.UserKey is not null)
            _users.Add((issueId, ev.UserKey));
        foreach (var (key, value) in ev.Tags)
        {
            _tags[(issueId, key, value)] = _tags.TryGetValue((issueId, key, value), out var tag)
                ? (tag.Count + 1, Math.Max(tag.LastSeen, timestamp))
                : (1, timestamp);
        }
        var hour = timestamp - timestamp % 3_600_000;
        _hours[(issueId, hour)] = _hours.GetValueOrDefault((issueId, hour)) + 1;
        if (ev.Release is not null)
        {
            _releases[(issueId, ev.Release)] = _releases.TryGetValue((issueId, ev.Release), out var release)
                ? (Math.Min(release.First, timestamp), Math.Max(release.Last, timestamp), release.Count + 1)
                : (timestamp, timestamp, 1);
        }
    }

    public async Task WriteAsync(DbConnection connection, DbTransaction transaction, IEnumerable<IssueState> issues, CancellationToken cancellationToken)
    {
        var byId = issues.ToDictionary(i => i.Id);
        await MultiRowInsert.ExecuteAsync(connection, transaction,
            "INSERT INTO issue_users (issue_id, user_key)", "ON CONFLICT DO NOTHING RETURNING issue_id",
            [.. _users.Select(u => new object?[] { u.Issue, u.User })],
            reader => byId[reader.GetInt64(0)].NewUsers++, cancellationToken);
        await MultiRowInsert.ExecuteAsync(connection, transaction,
            "INSERT INTO issue_tags (issue_id, key, value, count, last_seen)",
            "ON CONFLICT (issue_id, key, value) DO UPDATE SET count = issue_tags.count + excluded.count, " +
            "last_seen = CASE WHEN issue_tags.last_seen < excluded.last_seen THEN excluded.last_seen ELSE issue_tags.last_seen END",
            [.. _tags.Select(t => new object?[] { t.Key.Issue, t.Key.Key, t.Key.Value, t.Value.Count, t.Value.LastSeen })],
            null, cancellationToken);
        await MultiRowInsert.ExecuteAsync(connection, transaction,
            "INSERT INTO issue_hours (issue_id, hour, count)",
            "ON CONFLICT (issue_id, hour) DO UPDATE SET count = issue_hours.count + excluded.count",
            [.. _hours.Select(h => new object?[] { h.Key.Issue, h.Key.Hour, h.Value })],
            null, cancellationToken);
        await MultiRowInsert.ExecuteAsync(connection, transaction,
            "INSERT INTO issue_releases (issue_id, release, first_seen, last_seen, count)",
            "ON CONFLICT (issue_id, release) DO UPDATE SET count = issue_releases.count + excluded.count, " +
            "first_seen = CASE WHEN issue_releases.first_seen > excluded.first_seen THEN excluded.first_seen ELSE issue_releases.first_seen END, " +
            "last_seen = CASE WHEN issue_releases.last_seen < excluded.last_seen THEN excluded.last_seen ELSE issue_releases.last_seen END",
            [.. _releases.Select(r => new object?[] { r.Key.Issue, r.Key.Release, r.Value.First, r.Value.Last, r.Value.Count })],
            null, cancellationToken);
    }
}
