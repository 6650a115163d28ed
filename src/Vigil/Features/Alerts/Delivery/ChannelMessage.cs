namespace Vigil.Features.Alerts.Delivery;

/// <summary>What a notification says: a trigger, an acknowledgement, a resolution, an escalation,
/// a repeat, or a channel test.</summary>
public enum NotificationKind
{
    Trigger = 1,
    Acknowledge = 2,
    Resolve = 3,
    Escalate = 4,
    Repeat = 5,
    Test = 6,
}

/// <summary>One alert as a notification shows it. <paramref name="AcknowledgeUrl"/> is a signed link
/// that acknowledges without signing in; null once acknowledged or resolved.</summary>
public sealed record AlertNotice(
    long AlertId,
    string DedupKey,
    AlertSeverity Severity,
    string Title,
    string Summary,
    IReadOnlyDictionary<string, string> Details,
    string Status,
    DateTimeOffset FiredAt,
    string AlertUrl,
    string? AcknowledgeUrl);

/// <summary>One notification to one channel. Related alerts grouped into one notification arrive
/// together in <paramref name="Alerts"/>; a channel that can only carry one per call (PagerDuty)
/// sends one call per alert.</summary>
public sealed record ChannelMessage(
    NotificationKind Kind,
    string ProjectSlug,
    string Title,
    IReadOnlyList<AlertNotice> Alerts);
