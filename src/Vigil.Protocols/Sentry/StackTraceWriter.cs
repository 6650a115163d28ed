using System.Text.Json;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// Writes <c>exception</c> and <c>threads</c>: owners are objects, each <c>stacktrace.frames</c> a
/// list of frame objects, oldest first. Overly long traces keep both ends (where the thread started
/// and where it crashed) and drop the middle, which is usually recursion.
/// </summary>
internal static class StackTraceWriter
{
    /// <summary>Writes the owners under <paramref name="key"/>; returns the exceptions as stored, or null when there is no list.</summary>
    public static List<ExceptionInput>? Write(PayloadWriter w, string key, JsonElement value, ScrubMode mode, int maxFrames)
    {
        List<ExceptionInput>? owners = null;
        var isException = key == "exception";
        ValuesWriter.Write(w, key, value, mode, (values, valuesMode) =>
        {
            owners = [];
            w.Json.WriteStartArray();
            var index = 0;
            foreach (var owner in ValuesWriter.Objects(values))
            {
                w.PushIndex(index++);
                owners.Add(WriteOwner(w, owner, valuesMode, isException, maxFrames));
                w.Pop();
            }
            w.Json.WriteEndArray();
        });
        return owners;
    }

    private static ExceptionInput WriteOwner(PayloadWriter w, JsonElement owner, ScrubMode mode, bool isException, int maxFrames)
    {
        var input = new ExceptionInput();
        w.Json.WriteStartObject();
        foreach (var property in owner.EnumerateObject())
        {
            var name = property.Name;
            var childMode = w.ChildMode(mode, name);
            if (isException && name is "type" or "value")
            {
                // Numbers are accepted as text; blank text is as good as none.
                if (ElementText.ScalarText(property.Value)?.Trim() is { Length: > 0 } text)
                {
                    var stored = w.WriteTextProperty(name, text, childMode);
                    (input.Type, input.StoredType, input.Value, input.StoredValue) = name == "type"
                        ? (text, stored, input.Value, input.StoredValue)
                        : (input.Type, input.StoredType, text, stored);
                }
            }
            else if (name == "stacktrace")
            {
                if (property.Value.ValueKind == JsonValueKind.Object)
                {
                    w.Push(name);
                    w.Json.WritePropertyName(name);
                    WriteStackTrace(w, property.Value, childMode, maxFrames, input);
                    w.Pop();
                }
            }
            else
            {
                w.WriteProperty(property, mode);
            }
        }
        w.Json.WriteEndObject();
        return input;
    }

    private static void WriteStackTrace(PayloadWriter w, JsonElement stacktrace, ScrubMode mode, int maxFrames, ExceptionInput input)
    {
        w.Json.WriteStartObject();
        foreach (var property in stacktrace.EnumerateObject())
        {
            if (!property.NameEquals("frames"u8))
            {
                w.WriteProperty(property, mode);
            }
            else if (property.Value.ValueKind == JsonValueKind.Array)
            {
                var childMode = w.ChildMode(mode, property);
                w.PushProperty(property);
                WriteFrames(w, property.Value, childMode, maxFrames, input);
                w.Pop();
            }
        }
        w.Json.WriteEndObject();
    }

    private static void WriteFrames(PayloadWriter w, JsonElement frames, ScrubMode mode, int maxFrames, ExceptionInput input)
    {
        var count = frames.GetArrayLength();
        List<JsonElement> kept;
        // Trim before anything else so a 10,000-frame trace costs the same as a 250-frame one.
        if (count > maxFrames)
        {
            var keepOldest = maxFrames / 2;
            kept = ValuesWriter.Objects(frames, 0, keepOldest);
            kept.AddRange(ValuesWriter.Objects(frames, count - (maxFrames - keepOldest)));
            w.RecordTrim(count);
        }
        else
        {
            kept = ValuesWriter.Objects(frames);
        }
        input.Frames = new List<FrameInput>(kept.Count);
        (string? Function, string? Where, bool InApp)? last = null, lastInApp = null;
        w.Json.WriteStartArray();
        for (var i = 0; i < kept.Count; i++)
        {
            w.PushIndex(i);
            input.Frames.Add(FrameWriter.Write(w, kept[i], mode, out var inApp, out var function, out var where));
            w.Pop();
            last = (function, where, inApp);
            if (inApp)
            {
                lastInApp = last;
            }
        }
        w.Json.WriteEndArray();
        if ((lastInApp ?? last) is { } crash)
        {
            input.Culprit = EventSummary.Culprit(crash.Function, crash.Where);
        }
    }
}
