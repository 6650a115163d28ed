namespace Vigil.Features.Errors.Issues;

/// <summary>How many issues a project has, for the projects overview.</summary>
public sealed record IssueCounts(long ProjectId, long Unresolved, long Total);
