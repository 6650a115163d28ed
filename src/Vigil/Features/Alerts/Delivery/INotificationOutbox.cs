using System.Data.Common;

namespace Vigil.Features.Alerts.Delivery;

/// <summary>The durable outbox: notifications become rows in the caller's transaction, so an alert
/// and the notifications it owes commit together; a worker delivers them with retries.</summary>
public interface INotificationOutbox
{
    /// <summary>Queues <paramref name="message"/> for <paramref name="channelId"/>. A second call with the
    /// same channel and <paramref name="idempotencyKey"/> is a no-op and returns false.</summary>
    Task<bool> EnqueueAsync(
        DbConnection connection,
        DbTransaction transaction,
        long channelId,
        ChannelMessage message,
        string idempotencyKey,
        long? alertId,
        CancellationToken cancellationToken = default);
}
