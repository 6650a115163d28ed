using System.Globalization;
using Vigil.Protocols.LogQuery;

namespace Vigil.Features.Logs.Query;

/// <summary>Reads the query text and time range the API, pages and CLI share:
/// <c>q</c>, and <c>from</c>/<c>to</c> (ISO 8601 or Unix ms) or <c>since</c> (15m, 24h, 7d; default 1h).</summary>
public sealed record LogRequest(Vigil.Protocols.LogQuery.Query Query, TimeRange Range)
{
    public static (LogRequest? Request, string? Error, long Position) Parse(string? q, string? from, string? to, string? since, DateTimeOffset now)
    {
        var parsed = QueryParser.Parse(q);
        if (!parsed.IsSuccess)
            return (null, parsed.Error!.Message, parsed.Error.Position);
        var end = ParseTime(to) ?? now.AddMilliseconds(1);
        DateTimeOffset start;
        if (ParseTime(from) is { } explicitStart)
            start = explicitStart;
        else if (since is null)
            start = end.AddHours(-1);
        else if (DurationText.Parse(since) is { } span)
            start = end - span;
        else
            return (null, $"'{since}' is not a duration: use 15m, 24h or 7d.", -1);
        if (from is not null && ParseTime(from) is null)
            return (null, $"'{from}' is not a time: use ISO 8601 or Unix milliseconds.", -1);
        if (to is not null && ParseTime(to) is null)
            return (null, $"'{to}' is not a time: use ISO 8601 or Unix milliseconds.", -1);
        return (new LogRequest(parsed.Query!, new TimeRange(start.ToUnixTimeMilliseconds(), end.ToUnixTimeMilliseconds())), null, -1);
    }

    private static DateTimeOffset? ParseTime(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms))
            return DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
    }
}
