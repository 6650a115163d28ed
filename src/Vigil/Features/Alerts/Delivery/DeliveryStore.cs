using System.Data.Common;
using Dapper;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Alerts.Delivery;

/// <summary>Table alert_deliveries: the outbox. Workers claim rows with a conditional UPDATE and only
/// act when it changed exactly one row, so two workers (or two instances) never send the same attempt.</summary>
public sealed class DeliveryStore(Database database)
{
    private const string Columns = """
        id AS Id, channel_id AS ChannelId, alert_id AS AlertId, kind AS Kind, idempotency_key AS IdempotencyKey, state AS State,
        attempts AS Attempts, next_attempt_at AS NextAttemptAt, last_error AS LastError, created_at AS CreatedAt,
        updated_at AS UpdatedAt, delivered_at AS DeliveredAt
        """;

    // A row is due when pending and its time has come, or when a claim's lease ran out (its worker died).
    private const string Due = "((state = 'pending' AND next_attempt_at <= @now) OR (state = 'sending' AND leased_until <= @now))";

    private sealed record Row(long Id, long ChannelId, long? AlertId, long Kind, string IdempotencyKey, string State, long Attempts,
        long NextAttemptAt, string? LastError, long CreatedAt, long UpdatedAt, long? DeliveredAt);

    /// <summary>A claimed attempt; <see cref="Remainder"/> is the JSON of what an earlier partial delivery still owes.</summary>
    public sealed record Claimed(long Id, long ChannelId, string Message, long Attempts, long LeasedUntil, string? Remainder);

    /// <summary>Inserts in the caller's transaction; null when the channel already has this key.</summary>
    public static async Task<long?> InsertAsync(DbConnection connection, DbTransaction transaction, long channelId, long? alertId,
        NotificationKind kind, string message, string idempotencyKey, long now, CancellationToken cancellationToken)
    {
        // ON CONFLICT … DO NOTHING RETURNING: no row back on a duplicate key (SQLite ≥ 3.35 and PostgreSQL alike).
        return await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            """
            INSERT INTO alert_deliveries (channel_id, alert_id, kind, message, idempotency_key, state, attempts, next_attempt_at, created_at, updated_at)
            VALUES (@channelId, @alertId, @kind, @message, @idempotencyKey, 'pending', 0, @now, @now, @now)
            ON CONFLICT (channel_id, idempotency_key) DO NOTHING
            RETURNING id
            """,
            new { channelId, alertId, kind = (long)kind, message, idempotencyKey, now }, transaction, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<long>> DueAsync(long now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var ids = await connection.QueryAsync<long>(new CommandDefinition(
            $"SELECT id FROM alert_deliveries WHERE {Due} ORDER BY next_attempt_at, id LIMIT @limit", new { now, limit }, cancellationToken: cancellationToken));
        return ids.ToList();
    }

    /// <summary>Null when someone else claimed it first or it is no longer due.</summary>
    public async Task<Claimed?> TryClaimAsync(long id, long now, long leasedUntil, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE alert_deliveries SET state = 'sending', leased_until = @leasedUntil, attempts = attempts + 1, updated_at = @now WHERE id = @id AND {Due}",
            new { id, now, leasedUntil }, cancellationToken: cancellationToken));
        if (changed != 1)
            return null;
        return await connection.QuerySingleAsync<Claimed>(new CommandDefinition(
            """
            SELECT id AS Id, channel_id AS ChannelId, message AS Message, attempts AS Attempts, leased_until AS LeasedUntil, remainder AS Remainder
            FROM alert_deliveries WHERE id = @id
            """,
            new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>Records an attempt's result, only if this worker still holds the lease (a worker that
    /// outlived its lease must not overwrite the newer claim's result). <paramref name="remainder"/> is kept
    /// for the next attempt (JSON, null when nobody has the message yet).</summary>
    public async Task<bool> FinishAsync(Claimed claim, string state, long nextAttemptAt, string? lastError, string? remainder, long now,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE alert_deliveries SET state = @state, next_attempt_at = @nextAttemptAt, leased_until = NULL, last_error = @lastError,
                remainder = @remainder, updated_at = @now, delivered_at = CASE WHEN @state = 'delivered' THEN @now ELSE delivered_at END
            WHERE id = @id AND state = 'sending' AND leased_until = @leasedUntil
            """,
            new { id = claim.Id, state, nextAttemptAt, lastError, remainder, now, leasedUntil = claim.LeasedUntil }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<DeliveryRecord?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM alert_deliveries WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row is null ? null : ToRecord(row);
    }

    public async Task<IReadOnlyList<DeliveryRecord>> ListAsync(long channelId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM alert_deliveries WHERE channel_id = @channelId ORDER BY id DESC LIMIT @limit",
            new { channelId, limit }, cancellationToken: cancellationToken));
        return rows.Select(ToRecord).ToList();
    }

    /// <summary>The newest deliveries of a project's channels, for its channels page.</summary>
    public async Task<IReadOnlyList<DeliveryRecord>> RecentForProjectAsync(long projectId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM alert_deliveries WHERE channel_id IN (SELECT id FROM alert_channels WHERE project_id = @projectId) ORDER BY id DESC LIMIT @limit",
            new { projectId, limit }, cancellationToken: cancellationToken));
        return rows.Select(ToRecord).ToList();
    }

    private static DeliveryRecord ToRecord(Row r) => new(r.Id, r.ChannelId, r.AlertId, Channels.Names.Kind((NotificationKind)r.Kind), r.IdempotencyKey,
        r.State, r.Attempts, r.NextAttemptAt, r.LastError, r.CreatedAt, r.UpdatedAt, r.DeliveredAt);
}
