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
public sealed record IngestedEvent(NormalizedEvent Event, GroupingResult Grouping, string PayloadJson);

/// <summary>A non-event envelope item kept for a later capability (sessions for release health, check-ins for monitors).</summary>
public sealed record StoredItem(string Type, string PayloadJson);
