using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Infrastructure.Observability;
using Vigil.Infrastructure.Storage;

namespace Vigil.Infrastructure.Ingest;

/// <summary>Drains a stream's queue into its sink: whatever arrived while the previous batch was
/// committing becomes the next batch (group commit), so one fsync covers many senders. Before each
/// batch it lets a waiting small write go first (<see cref="SqliteWriterTurns"/>).</summary>
public sealed class BatchWriter<T>(
    IngestQueue<T> queue,
    IBatchSink<T> sink,
    VigilMetrics metrics,
    int maxBatchSize,
    ILogger<BatchWriter<T>> logger) : BackgroundService where T : class
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingWrite<T>>(maxBatchSize);
        var items = new List<T>(maxBatchSize);
        var reader = queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < maxBatchSize && reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                    items.Add(pending.Item);
                }
                await WriteAsync(batch, items, stoppingToken);
                batch.Clear();
                items.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // Nothing queued is acknowledged without a commit: fail what is left so senders retry.
        while (reader.TryRead(out var left))
            left.Fail(new OperationCanceledException("Vigil is shutting down."));
    }

    private async Task WriteAsync(List<PendingWrite<T>> batch, List<T> items, CancellationToken stoppingToken)
    {
        SqliteWriterTurns.MarkBulk();
        try
        {
            await SqliteWriterTurns.StepAsideAsync(stoppingToken);
            var started = Stopwatch.GetTimestamp();
            await sink.WriteAsync(items, stoppingToken);
            metrics.BatchCommitSeconds.Observe(queue.Stream, Stopwatch.GetElapsedTime(started).TotalSeconds);
            foreach (var pending in batch)
                pending.Acknowledge();
        }
        catch (Exception error)
        {
            if (!stoppingToken.IsCancellationRequested)
                logger.LogError(error, "Writing a batch of {Count} {Stream} items failed", batch.Count, queue.Stream);
            foreach (var pending in batch)
                pending.Fail(error);
        }
    }
}
