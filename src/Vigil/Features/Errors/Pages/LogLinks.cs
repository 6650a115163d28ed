using System.Globalization;
using Vigil.Features.Errors.Issues;

namespace Vigil.Features.Errors.Pages;

/// <summary>From an error event to the logs written around it: by its trace id when the SDK sent one,
/// else by a request id (tag request_id or the X-Request-Id header). Links only; Errors never reads log tables.</summary>
public static class LogLinks
{
    /// <summary>Logs are searched this far either side of the event: a request's logs come before the
    /// error and background work for the same trace may come after.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public static (string Label, string Url)? For(string projectSlug, EventSummary summary, EventDetails details)
    {
        var (label, field, value) = summary.TraceId is { Length: > 0 } trace
            ? ("Logs for this trace", "@trace_id", trace)
            : RequestId(details) is { } request
                ? ("Logs for this request", "@request_id", request)
                : (null, null, null);
        if (value is null)
            return null;
        return (label!, Url(projectSlug, field!, value, summary.Timestamp, summary.Timestamp));
    }

    /// <summary>The log search for <c>field = 'value'</c> from <paramref name="firstMs"/> − <see cref="Window"/> to <paramref name="lastMs"/> + <see cref="Window"/>.</summary>
    public static string Url(string projectSlug, string field, string value, long firstMs, long lastMs)
    {
        var window = (long)Window.TotalMilliseconds;
        var query = QueryString.Create(new Dictionary<string, string?>
        {
            ["q"] = $"{field} = '{value.Replace("'", "''", StringComparison.Ordinal)}'",
            ["from"] = (firstMs - window).ToString(CultureInfo.InvariantCulture),
            ["to"] = (lastMs + window).ToString(CultureInfo.InvariantCulture),
        });
        return $"/projects/{Uri.EscapeDataString(projectSlug)}/logs{query}";
    }

    private static string? RequestId(EventDetails details) =>
        details.Tags.FirstOrDefault(t => t.Key is "request_id" or "request.id").Value is { Length: > 0 } tag
            ? tag
            : details.Request?.Headers.FirstOrDefault(h => string.Equals(h.Key, "X-Request-Id", StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } header
                ? header
                : null;
}
