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
/// so it names status codes and error classes, never URLs, credentials or response bodies. A delivered
/// outcome has one only when part of it did not arrive (an email recipient the server refused).</summary>
public sealed record DeliveryOutcome(OutcomeKind Kind, string? Reason = null, TimeSpan? RetryAfter = null)
{
    public static DeliveryOutcome Delivered { get; } = new(OutcomeKind.Delivered);

    /// <summary>Delivered, but not everywhere it was addressed; trying again would repeat it to those who have it.</summary>
    public static DeliveryOutcome PartlyDelivered(string reason) => new(OutcomeKind.Delivered, reason);

    public static DeliveryOutcome Retry(string reason, TimeSpan? retryAfter = null) => new(OutcomeKind.Retryable, reason, retryAfter);

    public static DeliveryOutcome Fail(string reason) => new(OutcomeKind.Permanent, reason);
}
