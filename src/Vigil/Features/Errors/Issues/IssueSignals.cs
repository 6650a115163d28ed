using Vigil.Infrastructure.Signals;

namespace Vigil.Features.Errors.Issues;

/// <summary>A fingerprint seen for the first time: a new bug.</summary>
public sealed record IssueCreated(DateTimeOffset At, long ProjectId, long IssueId, string Title, string Level, string? Release, string? Environment) : ISignal;

/// <summary>A resolved bug came back.</summary>
public sealed record IssueRegressed(DateTimeOffset At, long ProjectId, long IssueId, string Title, string Level, string? Release, string? Environment) : ISignal;

/// <summary>An ignored issue's condition ran out (a date passed, or N more events arrived).</summary>
public sealed record IssueUnignored(DateTimeOffset At, long ProjectId, long IssueId, string Title) : ISignal;

/// <summary>A committed batch stored new events for these issues; frequency rules recount on it.
/// One per project per batch, so a busy stream costs one signal per commit, not one per event.</summary>
public sealed record IssueEventsRecorded(DateTimeOffset At, long ProjectId, IReadOnlyList<long> IssueIds) : ISignal;
