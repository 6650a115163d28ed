namespace Vigil.Features.Alerts;

/// <summary>An alert as the API shows it (severity by name).</summary>
public sealed record AlertView(
    long Id, long ProjectId, long? RuleId, string DedupKey, string GroupKey, string Severity, string Title, string Summary,
    IReadOnlyDictionary<string, string> Details, IReadOnlyDictionary<string, string> Labels, string Source, string Status, long Occurrences,
    DateTimeOffset FiredAt, DateTimeOffset LastSeenAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, DateTimeOffset? ResolvedAt,
    string? ResolvedBy, string? ResolveReason, DateTimeOffset? SnoozedUntil, int EscalationLevel, DateTimeOffset? LastNotifiedAt)
{
    public static AlertView From(Alert a) => new(a.Id, a.ProjectId, a.RuleId, a.DedupKey, a.GroupKey, Severities.Name(a.Severity), a.Title, a.Summary,
        a.Details, a.Labels, a.Source, a.Status, a.Occurrences, a.FiredAt, a.LastSeenAt, a.AcknowledgedAt, a.AcknowledgedBy, a.ResolvedAt,
        a.ResolvedBy, a.ResolveReason, a.SnoozedUntil, a.EscalationLevel, a.LastNotifiedAt);
}
