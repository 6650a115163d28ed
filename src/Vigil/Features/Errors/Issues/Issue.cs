namespace Vigil.Features.Errors.Issues;

/// <summary>One bug: every event whose fingerprint is the same. Times are Unix milliseconds.</summary>
public sealed record Issue(
    long Id,
    long ProjectId,
    string Fingerprint,
    string GroupingVariant,
    string Title,
    string Culprit,
    string Level,
    string Platform,
    string Status,
    long? RegressedAt,
    long? ResolvedAt,
    string? ResolvedInRelease,
    long? IgnoreUntil,
    long? IgnoreUntilCount,
    long FirstSeen,
    long LastSeen,
    long Count,
    long UserCount,
    string? FirstRelease,
    string? LastRelease)
{
    public bool IsRegressed => RegressedAt is not null && Status == IssueStatus.Unresolved;
}
