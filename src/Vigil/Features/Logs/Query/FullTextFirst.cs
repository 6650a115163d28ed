using Vigil.Protocols.LogQuery;

namespace Vigil.Features.Logs.Query;

/// <summary>
/// A search for a rare word should start from the full-text index, not walk the time index until
/// enough rows match: over millions of events the walk reads nearly all of them. SQLite's planner
/// prefers the walk whenever the query is ordered by time with a limit, so the store asks the index
/// how many rows a top-level term matches (up to a limit) and, when few, drives the search from it.
/// </summary>
public static class FullTextFirst
{
    /// <summary>The term every match must contain (a conjunct at the top of the filter), the longest
    /// if several — longer words are rarer — or null when the filter has none.</summary>
    public static TextNode? RequiredTerm(QueryNode? filter) => filter switch
    {
        TextNode text => text,
        AndNode and => Longer(RequiredTerm(and.Left), RequiredTerm(and.Right)),
        _ => null,
    };

    /// <summary>The filter without <paramref name="term"/>: what is left to check on the rows the index found.</summary>
    public static QueryNode? Without(QueryNode? filter, TextNode term)
    {
        if (ReferenceEquals(filter, term))
            return null;
        if (filter is not AndNode and)
            return filter;
        var left = Without(and.Left, term);
        var right = Without(and.Right, term);
        return left is null ? right : right is null ? left : and with { Left = left, Right = right };
    }

    private static TextNode? Longer(TextNode? a, TextNode? b) =>
        a is null ? b : b is null ? a : b.Text.Length > a.Text.Length ? b : a;
}
