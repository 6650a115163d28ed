using System.Text.Json;
using Dapper;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Metrics.Dashboards;

/// <summary>Dashboards per project (table metric_dashboards); charts are stored as JSON.</summary>
public sealed class DashboardStore(Database database, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const string Columns = "id AS Id, project_id AS ProjectId, name AS Name, charts AS Charts, range_text AS RangeText, refresh_seconds AS RefreshSeconds, created_at AS CreatedAt, updated_at AS UpdatedAt";

    public async Task<IReadOnlyList<Dashboard>> ListAsync(long projectId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM metric_dashboards WHERE project_id = @projectId ORDER BY name, id", new { projectId }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToDashboard()).ToList();
    }

    public async Task<Dashboard?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM metric_dashboards WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToDashboard();
    }

    public async Task<Dashboard> CreateAsync(long projectId, DashboardDraft draft, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO metric_dashboards (project_id, name, charts, range_text, refresh_seconds, created_at, updated_at)
            VALUES (@projectId, @name, @charts, @range, @refresh, @now, @now) RETURNING id
            """,
            new { projectId, name = draft.Name, charts = JsonSerializer.Serialize(draft.Charts, Json), range = draft.Range, refresh = draft.RefreshSeconds, now },
            cancellationToken: cancellationToken));
        return new Dashboard(id, projectId, draft.Name, draft.Charts, draft.Range, draft.RefreshSeconds, now, now);
    }

    /// <summary>False when there was no such dashboard.</summary>
    public async Task<bool> UpdateAsync(long id, DashboardDraft draft, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE metric_dashboards SET name = @name, charts = @charts, range_text = @range, refresh_seconds = @refresh, updated_at = @now WHERE id = @id",
            new { id, name = draft.Name, charts = JsonSerializer.Serialize(draft.Charts, Json), range = draft.Range, refresh = draft.RefreshSeconds, now },
            cancellationToken: cancellationToken)) > 0;
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM metric_dashboards WHERE id = @id", new { id }, cancellationToken: cancellationToken)) > 0;
    }

    private sealed class Row
    {
        public long Id { get; set; }
        public long ProjectId { get; set; }
        public string Name { get; set; } = "";
        public string Charts { get; set; } = "[]";
        public string RangeText { get; set; } = "";
        public long RefreshSeconds { get; set; }
        public long CreatedAt { get; set; }
        public long UpdatedAt { get; set; }

        public Dashboard ToDashboard() => new(Id, ProjectId, Name,
            JsonSerializer.Deserialize<List<ChartSpec>>(Charts, Json) ?? [], RangeText, (int)RefreshSeconds, CreatedAt, UpdatedAt);
    }
}
