using System.Collections.Concurrent;

namespace Vigil.Infrastructure.Observability;

/// <summary>Vigil's own vital signs, exposed at /metrics. Every ingest outcome is counted here.</summary>
public sealed class VigilMetrics
{
    private readonly ConcurrentDictionary<string, Func<double>> _queueDepths = new();

    public LabelledCounter Accepted { get; } =
        new("vigil_ingest_accepted_total", "Items accepted and committed, by stream.", "stream");

    public LabelledCounter Rejected { get; } =
        new("vigil_ingest_rejected_total", "Items rejected, by stream and reason.", "stream", "reason");

    public LabelledHistogram BatchCommitSeconds { get; } = new(
        "vigil_ingest_batch_commit_seconds", "Time to write and commit one ingest batch.", "stream",
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]);

    public void TrackQueueDepth(string stream, Func<double> depth) => _queueDepths[stream] = depth;

    public IEnumerable<(string Stream, double Depth)> QueueDepths() =>
        _queueDepths.Select(pair => (pair.Key, pair.Value()));
}
