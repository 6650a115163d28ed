using Dapper;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Logs.Storage;

/// <summary>Named searches per project (table log_saved_searches).</summary>
public sealed class SavedSearchStore(Database database, TimeProvider clock)
{
    private const string Columns = "id AS Id, project_id AS ProjectId, name AS Name, query AS Query, created_at AS CreatedAt";

    public async Task<IReadOnlyList<SavedSearch>> ListAsync(long projectId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SavedSearch>(new CommandDefinition(
            $"SELECT {Columns} FROM log_saved_searches WHERE project_id = @projectId ORDER BY name, id", new { projectId }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public async Task<SavedSearch?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<SavedSearch>(new CommandDefinition(
            $"SELECT {Columns} FROM log_saved_searches WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    public async Task<SavedSearch> CreateAsync(long projectId, string name, string query, CancellationToken cancellationToken = default)
    {
        var createdAt = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO log_saved_searches (project_id, name, query, created_at) VALUES (@projectId, @name, @query, @createdAt) RETURNING id",
            new { projectId, name, query, createdAt }, cancellationToken: cancellationToken));
        return new SavedSearch(id, projectId, name, query, createdAt);
    }

    /// <summary>False when there was no such search.</summary>
    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM log_saved_searches WHERE id = @id", new { id }, cancellationToken: cancellationToken)) == 1;
    }
}
