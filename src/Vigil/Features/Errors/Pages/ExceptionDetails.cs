using System.Text.Json.Nodes;

namespace Vigil.Features.Errors.Pages;

/// <summary>One exception of an event's chain, with its frames newest first (where it was thrown, on top).</summary>
public sealed record ExceptionDetails(string Type, string? Value, string? Mechanism, bool? Handled, IReadOnlyList<FrameDetails> Frames)
{
    public static ExceptionDetails From(JsonObject exception)
    {
        var mechanism = exception["mechanism"] as JsonObject;
        var frames = (exception["stacktrace"]?["frames"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(FrameDetails.From)
            .Reverse()
            .ToList();
        return new ExceptionDetails(
            JsonText.String(exception["type"]) ?? "Error",
            JsonText.String(exception["value"]),
            JsonText.String(mechanism?["type"]),
            JsonText.Bool(mechanism?["handled"]),
            frames);
    }
}

/// <summary>A stack frame and the source lines the SDK sent around it.</summary>
public sealed record FrameDetails(string Location, string? Function, long? Line, long? Column, bool InApp, IReadOnlyList<SourceLine> Source)
{
    public static FrameDetails From(JsonObject frame)
    {
        var line = JsonText.Long(frame["lineno"]);
        var source = new List<SourceLine>();
        if (JsonText.String(frame["context_line"]) is { } errorLine)
        {
            var before = (frame["pre_context"] as JsonArray ?? []).Select(JsonText.String).ToList();
            var after = (frame["post_context"] as JsonArray ?? []).Select(JsonText.String).ToList();
            for (var i = 0; i < before.Count; i++)
                source.Add(new SourceLine(line - before.Count + i, before[i] ?? "", false));
            source.Add(new SourceLine(line, errorLine, true));
            for (var i = 0; i < after.Count; i++)
                source.Add(new SourceLine(line + 1 + i, after[i] ?? "", false));
        }
        var location = JsonText.String(frame["filename"]) ?? JsonText.String(frame["abs_path"]) ?? JsonText.String(frame["module"]) ?? "?";
        return new FrameDetails(location, JsonText.String(frame["function"]), line, JsonText.Long(frame["colno"]),
            JsonText.Bool(frame["in_app"]) == true, source);
    }
}

/// <summary>A line of source; <see cref="IsErrorLine"/> marks the one the frame points at.</summary>
public sealed record SourceLine(long? Number, string Text, bool IsErrorLine);
