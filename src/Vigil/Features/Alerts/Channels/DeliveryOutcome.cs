namespace Vigil.Features.Alerts.Channels;

public enum OutcomeKind
{
    Delivered,
    /// <summary>Worth trying again later (timeouts, 5xx, 429, connection refused).</summary>
    Retryable,
    /// <summary>Trying again cannot help (bad request, unknown webhook, rejected credentials).</summary>
    Permanent,
}

/// <summary>What one send attempt achieved. <see cref="Reason"/> is stored as the delivery's last error,
/// so it names status codes and error classes, never URLs, credentials or response bodies.</summary>
public sealed record DeliveryOutcome(OutcomeKind Kind, string? Reason = null, TimeSpan? RetryAfter = null)
{
    public static DeliveryOutcome Delivered { get; } = new(OutcomeKind.Delivered);

    public static DeliveryOutcome Retry(string reason, TimeSpan? retryAfter = null) => new(OutcomeKind.Retryable, reason, retryAfter);

    public static DeliveryOutcome Fail(string reason) => new(OutcomeKind.Permanent, reason);
}
