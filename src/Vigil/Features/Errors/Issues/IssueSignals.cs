using Vigil.Infrastructure.Signals;

namespace Vigil.Features.Errors.Issues;

/// <summary>A fingerprint seen for the first time: a new bug.</summary>
public sealed record IssueCreated(DateTimeOffset At, long ProjectId, long IssueId, string Title, string Level, string? Release, string? Environment) : ISignal;

/// <summary>A resolved bug came back.</summary>
public sealed record IssueRegressed(DateTimeOffset At, long ProjectId, long IssueId, string Title, string Level, string? Release, string? Environment) : ISignal;

/// <summary>An ignored issue's condition ran out (a date passed, or N more events arrived).</summary>
public sealed record IssueUnignored(DateTimeOffset At, long ProjectId, long IssueId, string Title) : ISignal;
