namespace Vigil.Features.Alerts.Channels;

public enum OutcomeKind
{
    Delivered,
    /// <summary>Worth trying again later (timeouts, 5xx, 429, connection refused); with a
    /// <see cref="DeliveryOutcome.Remainder"/>, again for its owed recipients only.</summary>
    Retryable,
    /// <summary>Trying again cannot help (bad request, unknown webhook, rejected credentials).</summary>
    Permanent,
}

/// <summary>What one send attempt achieved. <see cref="Reason"/> is stored as the delivery's last error,
/// so it names status codes and error classes, never URLs, credentials or response bodies. A delivered
/// outcome has one only when part of it did not arrive (an email recipient the server refused).
/// <see cref="Remainder"/> is set when some recipients have the message and others do not.</summary>
public sealed record DeliveryOutcome(OutcomeKind Kind, string? Reason = null, TimeSpan? RetryAfter = null, Remainder? Remainder = null)
{
    public static DeliveryOutcome Delivered { get; } = new(OutcomeKind.Delivered);

    /// <summary>Delivered, but not everywhere it was addressed, and nobody left is worth another try.</summary>
    public static DeliveryOutcome PartlyDelivered(Remainder remainder) => new(OutcomeKind.Delivered, remainder.Report, Remainder: remainder);

    /// <summary>Delivered to some; the owed ones may take it later, so the next attempt addresses them alone.</summary>
    public static DeliveryOutcome Owing(Remainder remainder) => new(OutcomeKind.Retryable, remainder.Report, Remainder: remainder);

    public static DeliveryOutcome Retry(string reason, TimeSpan? retryAfter = null) => new(OutcomeKind.Retryable, reason, retryAfter);

    public static DeliveryOutcome Fail(string reason) => new(OutcomeKind.Permanent, reason);
}
