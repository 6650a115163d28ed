using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Vigil.Infrastructure.Signals;

/// <summary>A thing that happened which other capabilities may react to (issue created, monitor down …).</summary>
public interface ISignal
{
    DateTimeOffset At { get; }
}

/// <summary>In-process publish/subscribe between capabilities. Publishing never blocks ingest:
/// a subscriber that falls behind loses its oldest signals, counted in <see cref="Dropped"/>.</summary>
public sealed class SignalBus
{
    private readonly ConcurrentDictionary<Guid, Channel<ISignal>> _subscribers = new();
    private long _dropped;

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Publish(ISignal signal)
    {
        foreach (var channel in _subscribers.Values)
        {
            if (channel.Reader.Count >= 10_000)
                Interlocked.Increment(ref _dropped);
            channel.Writer.TryWrite(signal);
        }
    }

    /// <summary>Every signal published from now on until <paramref name="cancellationToken"/> ends.</summary>
    public async IAsyncEnumerable<ISignal> Subscribe([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var channel = Channel.CreateBounded<ISignal>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });
        _subscribers[id] = channel;
        try
        {
            await foreach (var signal in channel.Reader.ReadAllAsync(cancellationToken))
                yield return signal;
        }
        finally
        {
            _subscribers.TryRemove(id, out _);
        }
    }
}
