using System.Threading.Channels;

namespace Vigil.Infrastructure.Ingest;

/// <summary>The bounded hand-off between request handlers and a stream's batch writer.
/// A full queue refuses at once (the edge answers 429) instead of growing memory.</summary>
public sealed class IngestQueue<T>(string stream, int capacity) where T : class
{
    private readonly Channel<PendingWrite<T>> _channel = Channel.CreateBounded<PendingWrite<T>>(
        new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public string Stream { get; } = stream;
    public int Capacity { get; } = capacity;
    public int Depth => _channel.Reader.Count;
    internal ChannelReader<PendingWrite<T>> Reader => _channel.Reader;

    /// <summary>Queues <paramref name="item"/>; the returned task completes once its batch committed.
    /// Returns null when the queue is full.</summary>
    public Task? TryEnqueue(T item)
    {
        var pending = new PendingWrite<T>(item);
        return _channel.Writer.TryWrite(pending) ? pending.Committed : null;
    }

    internal void Complete() => _channel.Writer.TryComplete();
}

internal sealed class PendingWrite<T>(T item)
{
    private readonly TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public T Item { get; } = item;
    public Task Committed => _committed.Task;
    public void Acknowledge() => _committed.TrySetResult();
    public void Fail(Exception error) => _committed.TrySetException(error);
}
