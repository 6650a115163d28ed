namespace Vigil.Features.Errors.Issues;

/// <summary>What a new event does to an issue's status. Pure, so every rule has a test.</summary>
public static class IssueLifecycle
{
    public enum Change
    {
        None,
        Regressed,
        Unignored,
    }

    /// <param name="status">the issue's status before the event</param>
    /// <param name="resolvedInRelease">the release that was current when "resolved in next release" was chosen</param>
    /// <param name="eventRelease">the arriving event's release</param>
    /// <param name="countAfter">the issue's event count including this event</param>
    public static Change OnEvent(string status, string? resolvedInRelease, long? ignoreUntil, long? ignoreUntilCount,
        string? eventRelease, long countAfter, long now) => status switch
    {
        IssueStatus.Resolved => Change.Regressed,
        // Only a different release proves the fix shipped and failed; the old release still erring is expected.
        IssueStatus.ResolvedInNextRelease when eventRelease is not null && eventRelease != resolvedInRelease => Change.Regressed,
        IssueStatus.Ignored when ignoreUntil is not null && now >= ignoreUntil => Change.Unignored,
        IssueStatus.Ignored when ignoreUntilCount is not null && countAfter >= ignoreUntilCount => Change.Unignored,
        _ => Change.None,
    };
}
