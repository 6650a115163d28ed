using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Vigil.Features.Projects.Storage;

namespace Vigil.Features.Metrics.Storage;

/// <summary>
/// Series ids by (project, identity), cached in memory so a flush of known series touches no
/// series rows, and each project's series count for the cardinality limit. New series are created
/// inside the writer's transaction; the cache learns them only after it commits
/// (<see cref="Commit"/>), so a rolled-back batch leaves no id that does not exist.
/// </summary>
public sealed class SeriesCatalog(ProjectStore projects, IOptions<MetricsOptions> options)
{
    public sealed record Known(long Id, MetricKind Kind);

    private readonly ConcurrentDictionary<(long Project, string Identity), Known> _series = new();
    private readonly ConcurrentDictionary<long, int> _counts = new();
    private readonly ConcurrentDictionary<long, int> _limits = new();

    public bool TryGet(long projectId, string identity, out Known known) => _series.TryGetValue((projectId, identity), out known!);

    /// <summary>Finds or creates a series in <paramref name="transaction"/>; null when the project is at its limit.</summary>
    public async Task<(Known? Series, bool Created)> ResolveAsync(DbConnection connection, DbTransaction transaction, long projectId, string identity,
        string name, string tags, MetricKind kind, string? unit, long now, int pendingNew, CancellationToken cancellationToken)
    {
        var found = await connection.QuerySingleOrDefaultAsync<SeriesRow>(new CommandDefinition(
            "SELECT id, kind FROM metric_series WHERE project_id = @projectId AND identity = @identity",
            new { projectId, identity }, transaction, cancellationToken: cancellationToken));
        if (found is not null)
            return (new Known(found.Id, (MetricKind)found.Kind), false);
        if (await CountAsync(connection, transaction, projectId, cancellationToken) + pendingNew >= await LimitAsync(projectId, cancellationToken))
            return (null, false);
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "INSERT INTO metric_series (project_id, name, kind, unit, tags, identity, first_seen, last_seen) " +
            "VALUES (@projectId, @name, @kind, @unit, @tags, @identity, @now, @now) ON CONFLICT (project_id, identity) DO NOTHING RETURNING id",
            new { projectId, name, kind = (int)kind, unit, tags, identity, now }, transaction, cancellationToken: cancellationToken));
        if (id is { } created)
            return (new Known(created, kind), true);
        // Another instance created it between our read and insert (PostgreSQL with several servers).
        var other = await connection.QuerySingleAsync<SeriesRow>(new CommandDefinition(
            "SELECT id, kind FROM metric_series WHERE project_id = @projectId AND identity = @identity",
            new { projectId, identity }, transaction, cancellationToken: cancellationToken));
        return (new Known(other.Id, (MetricKind)other.Kind), false);
    }

    /// <summary>After the batch committed: remember its series and count the new ones.</summary>
    public void Commit(IEnumerable<(long Project, string Identity, Known Series)> resolved, IReadOnlyDictionary<long, int> created)
    {
        foreach (var (project, identity, series) in resolved)
            _series[(project, identity)] = series;
        foreach (var (project, count) in created)
            _counts.AddOrUpdate(project, count, (_, current) => current + count);
        if (_series.Count > 2_000_000)
            _series.Clear(); // a bound on memory; ids are read again as needed
    }

    public void Forget()
    {
        _series.Clear();
        _counts.Clear();
    }

    private async Task<int> CountAsync(DbConnection connection, DbTransaction transaction, long projectId, CancellationToken cancellationToken)
    {
        if (_counts.TryGetValue(projectId, out var count))
            return count;
        count = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM metric_series WHERE project_id = @projectId", new { projectId }, transaction, cancellationToken: cancellationToken));
        return _counts.GetOrAdd(projectId, count);
    }

    private async Task<int> LimitAsync(long projectId, CancellationToken cancellationToken)
    {
        if (_limits.TryGetValue(projectId, out var limit))
            return limit;
        var settings = options.Value;
        limit = settings.MaxSeriesPerProject;
        if (settings.SeriesLimits.Count > 0 && await projects.FindAsync(projectId, cancellationToken) is { } project
            && settings.SeriesLimits.TryGetValue(project.Slug, out var own))
            limit = own;
        return _limits.GetOrAdd(projectId, limit);
    }

    private sealed class SeriesRow
    {
        public long Id { get; set; }
        public long Kind { get; set; }
    }
}
