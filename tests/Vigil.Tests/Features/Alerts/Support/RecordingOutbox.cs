using System.Collections.Concurrent;
using System.Data.Common;
using Vigil.Features.Alerts.Delivery;

namespace Vigil.Tests.Features.Alerts.Support;

/// <summary>A stand-in for the delivery outbox, so the engine's rules (dedup, grouping, escalation, repeats,
/// limits) are checked on what the engine decided to send, with a hand-moved clock and channel ids that need
/// no receivers. It honours the contract's idempotency (same channel and key → false) and records at enqueue,
/// not at commit; the engine enqueues only in transactions it commits, which the tests check through history.
/// The real outbox, channels and receivers are covered by AlertDeliveryEndToEndTests and the channel tests.</summary>
public sealed class RecordingOutbox : INotificationOutbox
{
    private readonly ConcurrentDictionary<(long, string), Enqueued> _byKey = new();
    private readonly ConcurrentQueue<Enqueued> _all = new();

    public sealed record Enqueued(long ChannelId, ChannelMessage Message, string IdempotencyKey, long? AlertId);

    public IReadOnlyList<Enqueued> All => _all.ToList();

    public Task<bool> EnqueueAsync(DbConnection connection, DbTransaction transaction, long channelId, ChannelMessage message, string idempotencyKey,
        long? alertId, CancellationToken cancellationToken = default)
    {
        var enqueued = new Enqueued(channelId, message, idempotencyKey, alertId);
        if (!_byKey.TryAdd((channelId, idempotencyKey), enqueued))
            return Task.FromResult(false);
        _all.Enqueue(enqueued);
        return Task.FromResult(true);
    }
}
