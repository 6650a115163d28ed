using Dapper;
using Vigil.Features.Errors.Storage;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Errors.Issues;

/// <summary>Status changes a person makes: resolve, resolve in the next release, ignore, reopen.</summary>
public sealed class IssueService(Database database, IssueStore issues, TimeProvider clock)
{
    public sealed record StatusChange(string Status, long? IgnoreUntil = null, long? IgnoreForEvents = null);

    /// <summary>Applies <paramref name="change"/>; returns the updated issue, or an error message.</summary>
    public async Task<(Issue? Issue, string? Error)> ChangeStatusAsync(long issueId, StatusChange change, CancellationToken cancellationToken = default)
    {
        var issue = await issues.GetAsync(issueId, cancellationToken);
        if (issue is null)
            return (null, $"No issue {issueId}.");
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var update = change.Status switch
        {
            IssueStatus.Unresolved => new Update(IssueStatus.Unresolved, null, null, null, null),
            IssueStatus.Resolved => new Update(IssueStatus.Resolved, now, null, null, null),
            // "Next release" means: the release that is current now still errs, anything newer must not.
            IssueStatus.ResolvedInNextRelease => new Update(IssueStatus.ResolvedInNextRelease, now, issue.LastRelease, null, null),
            IssueStatus.Ignored => new Update(IssueStatus.Ignored, null, null, change.IgnoreUntil,
                change.IgnoreForEvents is > 0 ? issue.Count + change.IgnoreForEvents : null),
            _ => null,
        };
        if (update is null)
            return (null, $"Unknown status '{change.Status}': use {string.Join(", ", IssueStatus.All)}.");
        if (update.Status == IssueStatus.ResolvedInNextRelease && issue.LastRelease is null)
            update = update with { Status = IssueStatus.Resolved };
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE issues SET status = @Status, resolved_at = @ResolvedAt, resolved_in_release = @ResolvedInRelease, " +
            "ignore_until = @IgnoreUntil, ignore_until_count = @IgnoreUntilCount, " +
            "regressed_at = CASE WHEN @Status = 'unresolved' THEN regressed_at ELSE NULL END WHERE id = @issueId",
            new { update.Status, update.ResolvedAt, update.ResolvedInRelease, update.IgnoreUntil, update.IgnoreUntilCount, issueId });
        return (await issues.GetAsync(issueId, cancellationToken), null);
    }

    private sealed record Update(string Status, long? ResolvedAt, string? ResolvedInRelease, long? IgnoreUntil, long? IgnoreUntilCount);
}
