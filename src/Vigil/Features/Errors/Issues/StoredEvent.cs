namespace Vigil.Features.Errors.Issues;

/// <summary>An event as listed under its issue.</summary>
public sealed record EventSummary(long Id, long IssueId, string EventId, long Timestamp, string Level, string? Release, string? Environment, string? UserKey, string? TraceId, string Title);

/// <summary>An event with its full normalized payload (JSON) and its neighbours within the issue.</summary>
public sealed record StoredEvent(EventSummary Summary, string Payload, long? PreviousId, long? NextId);

public sealed record TagValueCount(string Value, long Count);

public sealed record TagDistribution(string Key, long Total, IReadOnlyList<TagValueCount> Values);

public sealed record HourCount(long Hour, long Count);

public sealed record ReleaseSeen(string Release, long FirstSeen, long LastSeen, long Count);
