using Vigil.Protocols.Sentry;

namespace Vigil.Features.Errors.Ingest;

/// <summary>What one accepted envelope (or /store/ request) asks the writer to commit.</summary>
public sealed class SentryWork(long projectId, long receivedAt)
{
    public long ProjectId { get; } = projectId;
    public long ReceivedAt { get; } = receivedAt;
    public List<IngestedEvent> Events { get; } = [];
    public List<StoredItem> Items { get; } = [];
}

/// <summary>A normalized, scrubbed and fingerprinted event, ready to be grouped and stored.</summary>
/// <param name="PayloadUtf8">The canonical event JSON, kept as the UTF-8 the pipeline wrote: it is stored as it is.</param>
public sealed record IngestedEvent(NormalizedEvent Event, GroupingResult Grouping, ReadOnlyMemory<byte> PayloadUtf8);

/// <summary>A non-event envelope item kept for a later capability (sessions for release health, check-ins for monitors).</summary>
public sealed record StoredItem(string Type, string PayloadJson);
