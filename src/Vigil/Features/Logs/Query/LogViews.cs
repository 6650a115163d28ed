using System.Text.Json.Nodes;

namespace Vigil.Features.Logs.Query;

/// <summary>A stored log event as the API, CLI and pages show it.</summary>
public sealed record LogEventView(
    long Id,
    DateTimeOffset Timestamp,
    string Level,
    string Message,
    string? Template,
    string? Service,
    string? Host,
    int? Pid,
    string? TraceId,
    string? SpanId,
    string? RequestId,
    string? Environment,
    string? Exception,
    JsonNode? Properties);

/// <summary>A page of events, newest first; <see cref="NextCursor"/> continues where it ended.</summary>
public sealed record LogPage(IReadOnlyList<LogEventView> Events, string? NextCursor);

/// <summary>The table an aggregation query answers: one column per key, then one per aggregate.</summary>
public sealed record AggregateResult(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);

public sealed record HistogramBin(DateTimeOffset Start, long Count);

public sealed record TemplateCount(long Hash, string Template, long Count);

/// <summary>A half-open time range [From, To) in Unix milliseconds.</summary>
public sealed record TimeRange(long From, long To)
{
    public static TimeRange Last(TimeSpan span, DateTimeOffset now) =>
        new(now.Add(-span).ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds() + 1);
}
