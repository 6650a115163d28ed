namespace Vigil.Features.Errors.Issues;

/// <summary>Where an issue stands. Stored as these exact strings.</summary>
public static class IssueStatus
{
    public const string Unresolved = "unresolved";
    public const string Resolved = "resolved";
    public const string ResolvedInNextRelease = "resolved_next_release";
    public const string Ignored = "ignored";

    public static readonly IReadOnlyList<string> All = [Unresolved, Resolved, ResolvedInNextRelease, Ignored];
}
