namespace Vigil.Protocols.Sentry;

/// <summary>
/// Derives the one-line labels an issue list shows: the title (what went wrong) and the culprit
/// (where). Both come from the main exception, which Sentry puts LAST in <c>exception.values</c>.
/// </summary>
internal static class EventSummary
{
    public const int MaxTitleLength = 200;
    public const string Unlabeled = "<unlabeled event>";

    public static string Title(string? type, string? value, string? message)
    {
        string? title = (string.IsNullOrEmpty(type), string.IsNullOrEmpty(value)) switch
        {
            (false, false) => $"{type}: {FirstLine(value!)}",
            (false, true) => type,
            (true, false) => FirstLine(value!),
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(title) && !string.IsNullOrWhiteSpace(message))
        {
            title = FirstLine(message);
        }
        return string.IsNullOrWhiteSpace(title) ? Unlabeled : ElementText.Truncate(title.Trim(), MaxTitleLength);
    }

    /// <summary>"module in function" of the crash frame (module falls back to the file); null when it names nothing.</summary>
    public static string? Culprit(string? function, string? where)
    {
        if (string.IsNullOrEmpty(function) || function == "?")
        {
            function = null;
        }
        var culprit = (where, function) switch
        {
            (not null, not null) => $"{where} in {function}",
            (not null, null) => where,
            (null, not null) => function,
            _ => null,
        };
        return string.IsNullOrEmpty(culprit) ? null : ElementText.Truncate(culprit, MaxTitleLength);
    }

    private static string FirstLine(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        var end = trimmed.IndexOfAny('\r', '\n');
        return (end < 0 ? trimmed : trimmed[..end]).TrimEnd().ToString();
    }
}
