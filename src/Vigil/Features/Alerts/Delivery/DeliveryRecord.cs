namespace Vigil.Features.Alerts.Delivery;

/// <summary>One delivery as the API and pages show it (times are Unix milliseconds; no message body).</summary>
public sealed record DeliveryRecord(
    long Id,
    long ChannelId,
    long? AlertId,
    string Kind,
    string IdempotencyKey,
    string State,
    long Attempts,
    long NextAttemptAt,
    string? LastError,
    long CreatedAt,
    long UpdatedAt,
    long? DeliveredAt);
