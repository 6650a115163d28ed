namespace Vigil.Features.Metrics.Query;

/// <summary>Whether a series' tags pass a query's filters (all must hold). A missing tag reads as "".</summary>
public static class TagFilters
{
    public static IReadOnlyList<string> Operators { get; } = ["=", "!=", "=~"];

    public static bool Match(IReadOnlyList<MetricTagFilter> filters, IReadOnlyDictionary<string, string> tags)
    {
        foreach (var filter in filters)
        {
            var value = tags.GetValueOrDefault(filter.Key) ?? "";
            var any = filter.Values.Contains(value, StringComparer.Ordinal);
            if (filter.Operator == "!=" ? any : !any)
                return false;
        }
        return true;
    }

    /// <summary>Reads <c>k:v</c>, <c>k=v</c>, <c>k!=v</c> and <c>k=~a|b</c>; null when the text is none of these.</summary>
    public static MetricTagFilter? Parse(string text)
    {
        foreach (var (op, token) in new[] { ("=~", "=~"), ("!=", "!="), ("=", "="), ("=", ":") })
        {
            var at = text.IndexOf(token, StringComparison.Ordinal);
            if (at <= 0)
                continue;
            var value = text[(at + token.Length)..];
            return new MetricTagFilter(text[..at], op, op == "=~" ? value.Split('|') : [value]);
        }
        return null;
    }
}
