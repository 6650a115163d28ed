using Dapper;
using Vigil.Features.Alerts.Delivery;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Alerts.Storage;

/// <summary>Table alert_channels. Options go in encrypted (<see cref="ChannelSecrets"/>) and come back in
/// clear; callers that show them mask them first. Also the <see cref="IChannelDirectory"/> routing uses.</summary>
public sealed class ChannelStore(Database database, ChannelSecrets secrets, TimeProvider clock) : IChannelDirectory
{
    private const string Columns = "id AS Id, project_id AS ProjectId, name AS Name, kind AS Kind, options AS Options, enabled AS Enabled, created_at AS CreatedAt, updated_at AS UpdatedAt";

    private sealed record Row(long Id, long ProjectId, string Name, string Kind, string Options, long Enabled, long CreatedAt, long UpdatedAt);

    public async Task<IReadOnlyList<Channel>> ListAsync(long projectId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM alert_channels WHERE project_id = @projectId ORDER BY name, id", new { projectId }, cancellationToken: cancellationToken));
        return rows.Select(ToChannel).ToList();
    }

    public async Task<Channel?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM alert_channels WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row is null ? null : ToChannel(row);
    }

    public async Task<long> CreateAsync(long projectId, string name, string kind, string protectedOptions, bool enabled, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO alert_channels (project_id, name, kind, options, enabled, created_at, updated_at)
            VALUES (@projectId, @name, @kind, @protectedOptions, @enabledValue, @now, @now) RETURNING id
            """,
            new { projectId, name, kind, protectedOptions, enabledValue = enabled ? 1 : 0, now }, cancellationToken: cancellationToken));
    }

    public async Task<bool> UpdateAsync(long id, string name, string kind, string protectedOptions, bool enabled, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alert_channels SET name = @name, kind = @kind, options = @protectedOptions, enabled = @enabledValue, updated_at = @now WHERE id = @id",
            new { id, name, kind, protectedOptions, enabledValue = enabled ? 1 : 0, now }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Deletes the channel and its deliveries (nothing could deliver them any more).</summary>
    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM alert_deliveries WHERE channel_id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        var deleted = await connection.ExecuteAsync(new CommandDefinition("DELETE FROM alert_channels WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return deleted == 1;
    }

    async Task<IReadOnlyList<ChannelSummary>> IChannelDirectory.ListAsync(long projectId, CancellationToken cancellationToken) =>
        (await ListAsync(projectId, cancellationToken)).Select(Summary).ToList();

    async Task<ChannelSummary?> IChannelDirectory.GetAsync(long id, CancellationToken cancellationToken) =>
        await GetAsync(id, cancellationToken) is { } channel ? Summary(channel) : null;

    private static ChannelSummary Summary(Channel c) => new(c.Id, c.ProjectId, c.Name, c.Kind, c.Enabled);

    private Channel ToChannel(Row row) =>
        new(row.Id, row.ProjectId, row.Name, row.Kind, secrets.Unprotect(row.Options), row.Enabled != 0, row.CreatedAt, row.UpdatedAt);
}
