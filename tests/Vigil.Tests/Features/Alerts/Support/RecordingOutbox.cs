using System.Collections.Concurrent;
using System.Data.Common;
using Vigil.Features.Alerts.Delivery;

namespace Vigil.Tests.Features.Alerts.Support;

/// <summary>Stand-in for the delivery outbox until the channels branch lands: remembers what the engine
/// enqueued, honouring the contract's idempotency (same channel and key → false). It records at enqueue, not
/// at commit; the engine enqueues only in transactions it commits, which the tests check through history.</summary>
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
