using System.Globalization;
using Vigil.Protocols.LogQuery;

namespace Vigil.Features.Metrics.Query;

/// <summary>
/// The query parameters the API (GET and POST) and CLI share, read into a <see cref="MetricQuery"/>:
/// times are ISO 8601 or Unix ms, <c>since</c>, <c>step</c> and <c>offset</c> are durations (30s, 5m, 1h, 7d)
/// or milliseconds. A mistake names its parameter.
/// </summary>
public sealed record MetricRequest(
    string? Name,
    string? Agg,
    IReadOnlyList<string>? Filter,
    IReadOnlyList<string>? GroupBy,
    string? From,
    string? To,
    string? Since,
    string? Step,
    string? Offset)
{
    public sealed record Failure(string Parameter, string Message);

    /// <summary>The query (its aggregation may be empty: the caller picks the kind's default), or the failure.</summary>
    public (MetricQuery? Query, Failure? Error) ToQuery(long projectId, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(Name))
            return (null, new("name", "Name the metric: name=http.requests."));
        var agg = (Agg ?? "").Trim().ToLowerInvariant();
        if (agg.Length > 0 && !MetricAggregations.IsKnown(agg))
            return (null, new("agg", $"'{Agg}' is not an aggregation: use {string.Join(", ", MetricAggregations.All)}."));
        var filters = new List<MetricTagFilter>();
        foreach (var text in Filter ?? [])
        {
            if (TagFilters.Parse(text) is not { } filter)
                return (null, new("filter", $"'{text}' is not a tag filter: use key:value, key!=value or key=~a|b."));
            filters.Add(filter);
        }
        var groupBy = (GroupBy ?? []).SelectMany(g => g.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
        long end;
        if (string.IsNullOrWhiteSpace(To))
            end = now.ToUnixTimeMilliseconds() + 1;
        else if (Time(To) is { } to)
            end = to;
        else
            return (null, new("to", $"'{To}' is not a time: use ISO 8601 or Unix milliseconds."));
        long start;
        if (!string.IsNullOrWhiteSpace(From))
        {
            if (Time(From) is not { } from)
                return (null, new("from", $"'{From}' is not a time: use ISO 8601 or Unix milliseconds."));
            start = from;
        }
        else if (string.IsNullOrWhiteSpace(Since))
            start = end - 3_600_000;
        else if (Duration(Since) is { } since)
            start = end - since;
        else
            return (null, new("since", $"'{Since}' is not a duration: use 15m, 24h or 7d."));
        if (start >= end)
            return (null, new("from", "'from' must be before 'to'."));
        long? step = null;
        if (!string.IsNullOrWhiteSpace(Step))
        {
            if (Duration(Step) is not { } parsed || parsed < 10_000 || parsed % 10_000 != 0)
                return (null, new("step", $"'{Step}' is not a step: use a whole multiple of 10 seconds (10s, 1m, 1h)."));
            step = parsed;
        }
        long offset = 0;
        if (!string.IsNullOrWhiteSpace(Offset))
        {
            if (Duration(Offset) is not { } parsed)
                return (null, new("offset", $"'{Offset}' is not a duration: use 1d or 7d."));
            offset = parsed;
        }
        return (new MetricQuery(projectId, Name.Trim(), filters, agg, groupBy, start, end, step, offset), null);
    }

    private static long? Time(string text)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms))
            return ms;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time.ToUnixTimeMilliseconds() : null;
    }

    private static long? Duration(string text)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms))
            return ms > 0 ? ms : null;
        return DurationText.Parse(text) is { } span ? (long)span.TotalMilliseconds : null;
    }
}
