namespace Vigil.Features.Alerts;

/// <summary>One alert: a condition that needs a person, from a rule or from outside (POST /api/alerts).</summary>
public sealed record Alert(
    long Id,
    long ProjectId,
    long? RuleId,
    string DedupKey,
    string GroupKey,
    AlertSeverity Severity,
    string Title,
    string Summary,
    IReadOnlyDictionary<string, string> Details,
    IReadOnlyDictionary<string, string> Labels,
    string Source,
    string Status,
    long Occurrences,
    DateTimeOffset FiredAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    DateTimeOffset? ResolvedAt,
    string? ResolvedBy,
    string? ResolveReason,
    DateTimeOffset? SnoozedUntil,
    int EscalationLevel,
    DateTimeOffset? LastNotifiedAt)
{
    public bool IsOpen => Status != AlertStatus.Resolved;
}
