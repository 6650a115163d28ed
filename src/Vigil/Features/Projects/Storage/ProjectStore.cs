using System.Security.Cryptography;
using Dapper;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Projects.Storage;

/// <summary>Projects and their ingest keys.</summary>
public sealed class ProjectStore(Database database, TimeProvider clock)
{
    private const string ProjectColumns =
        "id AS Id, slug AS Slug, name AS Name, created_at AS CreatedAt, rate_limit_per_minute AS RateLimitPerMinute, scrub_pii AS ScrubPii, scrub_extra_fields AS ScrubExtraFields, scrub_safe_fields AS ScrubSafeFields";

    private const string KeyColumns =
        "id AS Id, project_id AS ProjectId, public_key AS PublicKey, label AS Label, created_at AS CreatedAt, revoked_at AS RevokedAt";

    /// <summary>Creates a project with a unique slug derived from its name, and its first key.</summary>
    public async Task<(Project Project, ProjectKey Key)> CreateAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var baseSlug = Slug.From(name);
        var slug = baseSlug;
        for (var n = 2; await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM projects WHERE slug = @slug", new { slug }, transaction) > 0; n++)
            slug = $"{baseSlug}-{n}";
        var id = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO projects (slug, name, created_at) VALUES (@slug, @name, @now) RETURNING id",
            new { slug, name = name.Trim(), now }, transaction);
        var key = await InsertKeyAsync(connection, transaction, id, "Default", now);
        await transaction.CommitAsync(cancellationToken);
        return (new Project(id, slug, name.Trim(), now, new ProjectSettings()), key);
    }

    public async Task<ProjectKey> CreateKeyAsync(long projectId, string label, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await InsertKeyAsync(connection, null, projectId, label, clock.GetUtcNow().ToUnixTimeMilliseconds());
    }

    public async Task<bool> RevokeKeyAsync(long projectId, long keyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            "UPDATE project_keys SET revoked_at = @now WHERE id = @keyId AND project_id = @projectId AND revoked_at IS NULL",
            new { keyId, projectId, now = clock.GetUtcNow().ToUnixTimeMilliseconds() }) == 1;
    }

    public async Task<IReadOnlyList<Project>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ProjectRow>($"SELECT {ProjectColumns} FROM projects ORDER BY name");
        return rows.Select(r => r.ToProject()).ToList();
    }

    public async Task<Project?> FindAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ProjectRow>($"SELECT {ProjectColumns} FROM projects WHERE slug = @slug", new { slug });
        return row?.ToProject();
    }

    public async Task<Project?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ProjectRow>($"SELECT {ProjectColumns} FROM projects WHERE id = @id", new { id });
        return row?.ToProject();
    }

    public async Task<IReadOnlyList<ProjectKey>> KeysAsync(long projectId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<KeyRow>($"SELECT {KeyColumns} FROM project_keys WHERE project_id = @projectId ORDER BY id", new { projectId });
        return rows.Select(r => r.ToKey()).ToList();
    }

    public async Task<ProjectKey?> FindKeyAsync(string publicKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>($"SELECT {KeyColumns} FROM project_keys WHERE public_key = @publicKey", new { publicKey });
        return row?.ToKey();
    }

    public async Task UpdateSettingsAsync(long projectId, ProjectSettings settings, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE projects SET rate_limit_per_minute = @rate, scrub_pii = @scrub, scrub_extra_fields = @extra, scrub_safe_fields = @safe WHERE id = @projectId",
            new
            {
                projectId,
                rate = settings.RateLimitPerMinute,
                scrub = settings.ScrubPii ? 1 : 0,
                extra = string.Join(',', settings.ScrubExtraFields ?? []),
                safe = string.Join(',', settings.ScrubSafeFields ?? []),
            });
    }

    private static async Task<ProjectKey> InsertKeyAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, long projectId, string label, long now)
    {
        var publicKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var id = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO project_keys (project_id, public_key, label, created_at) VALUES (@projectId, @publicKey, @label, @now) RETURNING id",
            new { projectId, publicKey, label, now }, transaction);
        return new ProjectKey(id, projectId, publicKey, label, now, null);
    }

    private sealed class ProjectRow
    {
        public long Id { get; set; }
        public string Slug { get; set; } = "";
        public string Name { get; set; } = "";
        public long CreatedAt { get; set; }
        public long? RateLimitPerMinute { get; set; }
        public long ScrubPii { get; set; }
        public string ScrubExtraFields { get; set; } = "";
        public string ScrubSafeFields { get; set; } = "";

        public Project ToProject() => new(Id, Slug, Name, CreatedAt, new ProjectSettings(
            (int?)RateLimitPerMinute, ScrubPii != 0, Split(ScrubExtraFields), Split(ScrubSafeFields)));

        private static string[] Split(string value) =>
            value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private sealed class KeyRow
    {
        public long Id { get; set; }
        public long ProjectId { get; set; }
        public string PublicKey { get; set; } = "";
        public string Label { get; set; } = "";
        public long CreatedAt { get; set; }
        public long? RevokedAt { get; set; }

        public ProjectKey ToKey() => new(Id, ProjectId, PublicKey, Label, CreatedAt, RevokedAt);
    }
}
