namespace Vigil.Features.Alerts.Delivery;

/// <summary>Settings under "Alerts" that govern the outbox (README "Alert channels").</summary>
public sealed class DeliveryOptions
{
    /// <summary>How long one attempt may take before it counts as a retryable failure.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts before a delivery is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry's delay; each next one is three times longer (10 s, 30 s, 1.5 min …).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the worker looks for due rows when nothing woke it: retries coming due,
    /// rows another instance enqueued, leases that expired.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Deliveries in flight at once; each runs on its own, so a hung channel holds one slot only.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 32;

    /// <summary>A claimed row's lease: past it, another worker (or this one after a restart) may claim it again.</summary>
    public TimeSpan Lease => DeliveryTimeout + TimeSpan.FromSeconds(15);
}
