namespace Vigil.Infrastructure.Ingest;

/// <summary>Why an item was not stored, for every ingest stream. These strings are the `reason` label of vigil_ingest_rejected_total.</summary>
public static class IngestOutcome
{
    public const string Invalid = "invalid";
    public const string TooLarge = "too_large";
    public const string Unauthorized = "unauthorized";
    public const string RateLimited = "rate_limited";
    public const string QueueFull = "queue_full";
    public const string Filtered = "filtered";
    public const string UnknownItemType = "unknown_item_type";
    public const string Duplicate = "duplicate";
    public const string StorageFailed = "storage_failed";
}
