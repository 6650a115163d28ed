using System.Data.Common;
using System.Text.Json;
using Dapper;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Alerts.Silences;

/// <summary>A project's silences. Expiring one sets its end to now, so its history stays.</summary>
public sealed class SilenceStore(Database database, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const string Columns = "id AS Id, project_id AS ProjectId, matchers AS Matchers, starts_at AS StartsAt, ends_at AS EndsAt, " +
        "reason AS Reason, created_by AS CreatedBy, created_at AS CreatedAt";

    public async Task<Silence> CreateAsync(long projectId, IReadOnlyList<SilenceMatcher> matchers, DateTimeOffset startsAt, DateTimeOffset endsAt,
        string reason, string createdBy, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO alert_silences (project_id, matchers, starts_at, ends_at, reason, created_by, created_at) " +
            "VALUES (@projectId, @matchers, @startsAt, @endsAt, @reason, @createdBy, @now) RETURNING id",
            new
            {
                projectId, matchers = JsonSerializer.Serialize(matchers, Json), startsAt = startsAt.ToUnixTimeMilliseconds(),
                endsAt = endsAt.ToUnixTimeMilliseconds(), reason, createdBy, now = now.ToUnixTimeMilliseconds(),
            }, cancellationToken: cancellationToken));
        return new Silence(id, projectId, matchers, startsAt, endsAt, reason, createdBy, now);
    }

    /// <summary>Every silence of a project, current and future first, then the expired ones newest first.</summary>
    public async Task<IReadOnlyList<Silence>> ListAsync(long projectId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM alert_silences WHERE project_id = @projectId ORDER BY ends_at DESC, id DESC LIMIT 500",
            new { projectId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToSilence()).ToList();
    }

    public async Task<Silence?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM alert_silences WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToSilence();
    }

    /// <summary>The silences in force at <paramref name="now"/>, inside the caller's transaction.</summary>
    public static async Task<IReadOnlyList<Silence>> ActiveAsync(DbConnection connection, DbTransaction? transaction, long projectId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM alert_silences WHERE project_id = @projectId AND ends_at > @now AND starts_at <= @now ORDER BY id",
            new { projectId, now = now.ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToSilence()).ToList();
    }

    public async Task<bool> ExpireAsync(long id, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alert_silences SET ends_at = @now WHERE id = @id AND ends_at > @now", new { id, now }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("DELETE FROM alert_silences WHERE id = @id", new { id }, cancellationToken: cancellationToken)) == 1;
    }

    private sealed class Row
    {
        public long Id { get; set; }
        public long ProjectId { get; set; }
        public string Matchers { get; set; } = "[]";
        public long StartsAt { get; set; }
        public long EndsAt { get; set; }
        public string Reason { get; set; } = "";
        public string CreatedBy { get; set; } = "";
        public long CreatedAt { get; set; }

        public Silence ToSilence() => new(Id, ProjectId, JsonSerializer.Deserialize<List<SilenceMatcher>>(Matchers, Json) ?? [],
            DateTimeOffset.FromUnixTimeMilliseconds(StartsAt), DateTimeOffset.FromUnixTimeMilliseconds(EndsAt), Reason, CreatedBy,
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt));
    }
}
