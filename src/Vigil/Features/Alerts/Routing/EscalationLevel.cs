namespace Vigil.Features.Alerts.Routing;

/// <summary>One escalation step: the channels to notify, and how many minutes after the alert fired
/// (unacknowledged) they are notified. The first level is always notified at once.</summary>
public sealed record EscalationLevel(IReadOnlyList<long> Channels, int AfterMinutes = 0);
