namespace Vigil.Features.Projects;

public sealed record Project(long Id, string Slug, string Name, long CreatedAt, ProjectSettings Settings);

/// <summary>Per-project ingest settings.</summary>
public sealed record ProjectSettings(
    int? RateLimitPerMinute = null,
    bool ScrubPii = true,
    IReadOnlyList<string>? ScrubExtraFields = null,
    IReadOnlyList<string>? ScrubSafeFields = null);
