namespace Vigil.Protocols.Sentry;

/// <summary>Per-project data-scrubbing settings for <see cref="PiiScrubber"/>.</summary>
public sealed record ScrubOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>More key fragments to filter (case-insensitive substring), beyond the defaults.</summary>
    public IReadOnlyList<string> ExtraFields { get; init; } = [];

    /// <summary>Keys never filtered (case-insensitive, whole key), even when they look sensitive.</summary>
    public IReadOnlyList<string> SafeFields { get; init; } = [];
}
