namespace Vigil.Features.Alerts;

/// <summary>One row of an alert's history (the alert_events table); <see cref="Kind"/> is an <see cref="AlertEventKind"/>.</summary>
public sealed record AlertEvent(long Id, long AlertId, DateTimeOffset At, string Kind, string Detail, string? Actor, long? ChannelId);
