namespace Vigil.Features.Errors.Issues;

/// <summary>An issue as the API and `vigil issues list --json` show it; times are ISO 8601 UTC.</summary>
public sealed record IssueView(
    long Id,
    string Project,
    string Title,
    string Culprit,
    string Level,
    string Status,
    bool Regressed,
    long Count,
    long UserCount,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    string? FirstRelease,
    string? LastRelease,
    string Fingerprint,
    string GroupingVariant)
{
    public static IssueView From(Issue issue, string projectSlug) => new(
        issue.Id, projectSlug, issue.Title, issue.Culprit, issue.Level, issue.Status, issue.IsRegressed, issue.Count, issue.UserCount,
        DateTimeOffset.FromUnixTimeMilliseconds(issue.FirstSeen), DateTimeOffset.FromUnixTimeMilliseconds(issue.LastSeen),
        issue.FirstRelease, issue.LastRelease, issue.Fingerprint, issue.GroupingVariant);
}
