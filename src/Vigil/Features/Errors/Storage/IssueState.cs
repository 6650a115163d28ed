namespace Vigil.Features.Errors.Storage;

/// <summary>An issue as the writer sees it while folding one batch of events into it.</summary>
internal sealed class IssueState
{
    public long Id { get; set; }
    public bool Created { get; set; }
    public string Status { get; set; } = "";
    public string? ResolvedInRelease { get; set; }
    public long? IgnoreUntil { get; set; }
    public long? IgnoreUntilCount { get; set; }
    public long Count { get; set; }
    public string Title { get; set; } = "";
    public string Level { get; set; } = "";

    public long Added { get; set; }
    public long NewUsers { get; set; }
    public long LastSeen { get; set; }
    public string? LastRelease { get; set; }
    public bool StatusChanged { get; set; }
    public bool Regressed { get; set; }
}
