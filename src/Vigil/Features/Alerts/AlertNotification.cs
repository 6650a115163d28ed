namespace Vigil.Features.Alerts;

/// <summary>A notification the engine handed the outbox for one channel; deliveries are the outbox's to report.</summary>
public sealed record AlertNotification(long Id, long AlertId, long ChannelId, string Kind, DateTimeOffset At, string IdempotencyKey, int AlertsInMessage);
