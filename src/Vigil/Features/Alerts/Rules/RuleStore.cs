using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Vigil.Features.Alerts.Storage;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Alerts.Rules;

/// <summary>Alert rules. The engine asks for a project's enabled rules on every signal, so they are cached
/// and the cache is dropped on every change (and after a few seconds, for other instances' changes).</summary>
public sealed class RuleStore(Database database, TimeProvider clock)
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(10);
    private const string Columns = "id AS Id, project_id AS ProjectId, name AS Name, kind AS Kind, severity AS Severity, parameters AS Parameters, " +
        "labels AS Labels, enabled AS Enabled, last_evaluated_at AS LastEvaluatedAt, last_status AS LastStatus";
    private volatile Cache? _cache;

    public async Task<AlertRule> CreateAsync(long projectId, RuleDefinition definition, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO alert_rules (project_id, name, kind, severity, parameters, labels, enabled, created_at, updated_at) " +
            "VALUES (@projectId, @name, @kind, @severity, @parameters, @labels, @enabled, @now, @now) RETURNING id",
            new
            {
                projectId, name = definition.Name!.Trim(), kind = definition.Kind, severity = (long)Severities.Parse(definition.Severity)!.Value,
                parameters = (definition.Parameters ?? []).ToJsonString(), labels = JsonMap.Write(definition.Labels ?? []),
                enabled = definition.Enabled ?? true ? 1L : 0L, now,
            }, cancellationToken: cancellationToken));
        _cache = null;
        return (await GetAsync(id, cancellationToken))!;
    }

    public async Task<AlertRule?> UpdateAsync(long id, RuleDefinition definition, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alert_rules SET name = @name, kind = @kind, severity = @severity, parameters = @parameters, labels = @labels, " +
            "enabled = @enabled, updated_at = @now WHERE id = @id",
            new { id, name = definition.Name!.Trim(), kind = definition.Kind, severity = (long)Severities.Parse(definition.Severity)!.Value,
                parameters = (definition.Parameters ?? []).ToJsonString(), labels = JsonMap.Write(definition.Labels ?? []),
                enabled = definition.Enabled ?? true ? 1L : 0L, now }, cancellationToken: cancellationToken));
        _cache = null;
        return changed == 1 ? await GetAsync(id, cancellationToken) : null;
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var deleted = await connection.ExecuteAsync(new CommandDefinition("DELETE FROM alert_rules WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        _cache = null;
        return deleted == 1;
    }

    public async Task<AlertRule?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM alert_rules WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToRule();
    }

    public async Task<IReadOnlyList<AlertRule>> ListAsync(long projectId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM alert_rules WHERE project_id = @projectId ORDER BY name, id", new { projectId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRule()).ToList();
    }

    /// <summary>Every enabled rule of every project, from the cache.</summary>
    public async ValueTask<IReadOnlyList<AlertRule>> EnabledAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (_cache is { } cache && cache.ExpiresAt > now)
            return cache.Rules;
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM alert_rules WHERE enabled = 1 ORDER BY id", cancellationToken: cancellationToken));
        var rules = rows.Select(r => r.ToRule()).ToList();
        _cache = new Cache(rules, now + CacheLifetime);
        return rules;
    }

    /// <summary>Records what the last evaluation said; does not drop the cache (statuses are for people, not the engine).</summary>
    public async Task RecordStatusAsync(long id, string status, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alert_rules SET last_evaluated_at = @now, last_status = @status WHERE id = @id",
            new { id, status, now = clock.GetUtcNow().ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
    }

    private sealed record Cache(IReadOnlyList<AlertRule> Rules, DateTimeOffset ExpiresAt);

    private sealed class Row
    {
        public long Id { get; set; }
        public long ProjectId { get; set; }
        public string Name { get; set; } = "";
        public string Kind { get; set; } = "";
        public long Severity { get; set; }
        public string Parameters { get; set; } = "{}";
        public string Labels { get; set; } = "{}";
        public long Enabled { get; set; }
        public long? LastEvaluatedAt { get; set; }
        public string? LastStatus { get; set; }

        public AlertRule ToRule() => new(Id, ProjectId, Name, Kind, (AlertSeverity)Severity,
            JsonNode.Parse(Parameters) as JsonObject ?? [], JsonMap.Read(Labels), Enabled != 0,
            LastEvaluatedAt is null ? null : DateTimeOffset.FromUnixTimeMilliseconds(LastEvaluatedAt.Value), LastStatus);
    }
}
