namespace Vigil.Features.Alerts.Storage;

/// <summary>The alerts table as Dapper reads it.</summary>
internal sealed class AlertRow
{
    public const string Columns =
        "id AS Id, project_id AS ProjectId, rule_id AS RuleId, dedup_key AS DedupKey, group_key AS GroupKey, severity AS Severity, " +
        "title AS Title, summary AS Summary, details AS Details, labels AS Labels, source AS Source, status AS Status, " +
        "occurrences AS Occurrences, fired_at AS FiredAt, last_seen_at AS LastSeenAt, acknowledged_at AS AcknowledgedAt, " +
        "acknowledged_by AS AcknowledgedBy, resolved_at AS ResolvedAt, resolved_by AS ResolvedBy, resolve_reason AS ResolveReason, " +
        "snoozed_until AS SnoozedUntil, escalation_level AS EscalationLevel, last_notified_at AS LastNotifiedAt";

    public long Id { get; set; }
    public long ProjectId { get; set; }
    public long? RuleId { get; set; }
    public string DedupKey { get; set; } = "";
    public string GroupKey { get; set; } = "";
    public long Severity { get; set; }
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public string Details { get; set; } = "{}";
    public string Labels { get; set; } = "{}";
    public string Source { get; set; } = "";
    public string Status { get; set; } = "";
    public long Occurrences { get; set; }
    public long FiredAt { get; set; }
    public long LastSeenAt { get; set; }
    public long? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public long? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public string? ResolveReason { get; set; }
    public long? SnoozedUntil { get; set; }
    public long EscalationLevel { get; set; }
    public long? LastNotifiedAt { get; set; }

    public Alert ToAlert() => new(Id, ProjectId, RuleId, DedupKey, GroupKey, (AlertSeverity)Severity, Title, Summary,
        JsonMap.Read(Details), JsonMap.Read(Labels), Source, Status, Occurrences, Time(FiredAt), Time(LastSeenAt),
        Time(AcknowledgedAt), AcknowledgedBy, Time(ResolvedAt), ResolvedBy, ResolveReason, Time(SnoozedUntil), (int)EscalationLevel, Time(LastNotifiedAt));

    private static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
    private static DateTimeOffset? Time(long? ms) => ms is null ? null : DateTimeOffset.FromUnixTimeMilliseconds(ms.Value);
}
