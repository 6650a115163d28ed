namespace Vigil.Features.Errors.Issues;

/// <summary>Filters for an issue list. <see cref="Search"/> takes Sentry-style tokens
/// (<c>is:resolved level:error release:1.2 environment:prod</c>) plus free text matched against title and culprit.</summary>
public sealed record IssueQuery(
    string? Status = IssueStatus.Unresolved,
    string? Level = null,
    string? Environment = null,
    string? Release = null,
    string? Text = null,
    string Sort = IssueSort.LastSeen,
    int Limit = 25,
    int Offset = 0)
{
    /// <summary>Folds the tokens of a search box into the explicit filters (explicit ones win).</summary>
    public IssueQuery WithSearch(string? search)
    {
        if (string.IsNullOrWhiteSpace(search))
            return this;
        var query = this;
        var text = new List<string>();
        foreach (var token in search.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = token.IndexOf(':');
            var (key, value) = colon > 0 ? (token[..colon].ToLowerInvariant(), token[(colon + 1)..]) : ("", token);
            query = key switch
            {
                "is" when value == "all" => query with { Status = null },
                "is" => query with { Status = value == "unresolved" || IssueStatus.All.Contains(value) ? value : query.Status },
                "level" => query with { Level = query.Level ?? value },
                "release" => query with { Release = query.Release ?? value },
                "environment" or "env" => query with { Environment = query.Environment ?? value },
                _ => query,
            };
            if (key is not ("is" or "level" or "release" or "environment" or "env"))
                text.Add(token);
        }
        return text.Count == 0 ? query : query with { Text = string.Join(' ', text) };
    }
}

public static class IssueSort
{
    public const string LastSeen = "last_seen";
    public const string FirstSeen = "first_seen";
    public const string Events = "events";
    public const string Users = "users";

    public static string Column(string sort) => sort switch
    {
        FirstSeen => "first_seen",
        Events => "times_seen",
        Users => "user_count",
        _ => "last_seen",
    };
}
