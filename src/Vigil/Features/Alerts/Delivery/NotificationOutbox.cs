using System.Data.Common;

namespace Vigil.Features.Alerts.Delivery;

/// <summary>Writes deliveries in the caller's transaction and wakes the worker once it commits, so the
/// happy path has no polling delay.</summary>
public sealed class NotificationOutbox(DeliveryWakeup wakeup, TimeProvider clock) : INotificationOutbox
{
    public async Task<bool> EnqueueAsync(DbConnection connection, DbTransaction transaction, long channelId, ChannelMessage message,
        string idempotencyKey, long? alertId, CancellationToken cancellationToken = default) =>
        await InsertAsync(connection, transaction, channelId, message, idempotencyKey, alertId, cancellationToken) is not null;

    /// <summary>As <see cref="EnqueueAsync"/>, returning the new delivery's id (null for a duplicate key).</summary>
    public async Task<long?> InsertAsync(DbConnection connection, DbTransaction transaction, long channelId, ChannelMessage message,
        string idempotencyKey, long? alertId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        var id = await DeliveryStore.InsertAsync(connection, transaction, channelId, alertId, message.Kind, MessageJson.Serialize(message),
            idempotencyKey, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        if (id is not null)
            wakeup.PokeAfter(transaction);
        return id;
    }
}
