using System.Text.Json.Nodes;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// Derives the one-line labels an issue list shows: the title (what went wrong) and the culprit
/// (where). Both come from the main exception, which Sentry puts LAST in <c>exception.values</c>.
/// </summary>
internal static class EventSummary
{
    public const int MaxTitleLength = 200;
    public const string Unlabeled = "<unlabeled event>";

    public static JsonObject? MainException(JsonArray? exceptions) =>
        exceptions is { Count: > 0 } ? exceptions[^1] as JsonObject : null;

    public static string Title(JsonObject? mainException, string? message)
    {
        var type = JsonShapes.StringOf(mainException?["type"]);
        var value = JsonShapes.StringOf(mainException?["value"]);
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
        return string.IsNullOrWhiteSpace(title) ? Unlabeled : JsonShapes.Truncate(title.Trim(), MaxTitleLength);
    }

    public static string Culprit(JsonObject? mainException, string? transaction)
    {
        if (CrashFrame(mainException) is { } frame)
        {
            var function = JsonShapes.StringOf(frame["function"]);
            var where = JsonShapes.StringOf(frame["module"]) ?? JsonShapes.StringOf(frame["filename"]);
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
            if (!string.IsNullOrEmpty(culprit))
            {
                return JsonShapes.Truncate(culprit, MaxTitleLength);
            }
        }
        return transaction ?? "";
    }

    /// <summary>The last in-app frame, else the last frame: where the app lost control.</summary>
    public static JsonObject? CrashFrame(JsonObject? exception)
    {
        if (exception?["stacktrace"]?["frames"] is not JsonArray { Count: > 0 } frames)
        {
            return null;
        }
        for (var i = frames.Count - 1; i >= 0; i--)
        {
            if (frames[i] is JsonObject frame && JsonShapes.BoolOf(frame["in_app"]) == true)
            {
                return frame;
            }
        }
        return frames[^1] as JsonObject;
    }

    private static string FirstLine(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        var end = trimmed.IndexOfAny('\r', '\n');
        return (end < 0 ? trimmed : trimmed[..end]).TrimEnd().ToString();
    }
}
