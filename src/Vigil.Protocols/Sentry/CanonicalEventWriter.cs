using System.Text.Json;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// Writes the canonical event from the parsed one in a single walk and lifts out the fields ingest
/// needs. Fields the normaliser owns are written in their canonical shape; every other field is
/// copied, cut and scrubbed by <see cref="PayloadWriter"/>.
/// </summary>
internal static class CanonicalEventWriter
{
    private static readonly string[] TextFields = ["release", "dist", "environment", "server_name", "transaction", "logger"];
    private static readonly string[] ObjectFields = ["contexts", "extra", "modules", "sdk"];

    public static NormalizedEvent Write(PayloadWriter w, JsonElement root, EventNormalizeOptions options)
    {
        var fields = new RootFields(root);
        var json = w.Json;
        json.WriteStartObject();
        var eventId = EventIds.Normalize(options.EventIdOverride)
            ?? EventIds.Normalize(ElementText.StringOf(fields["event_id"]))
            ?? EventIds.NewId();
        w.WriteTextProperty("event_id", eventId, w.RootMode("event_id"));
        var timestamp = ReadTimestamp(fields["timestamp"], options);
        w.Push("timestamp");
        json.WritePropertyName("timestamp");
        w.WriteNumber(EventTimestamps.ToEpoch(timestamp), w.RootMode("timestamp"));
        w.Pop();
        var level = LevelNames.Normalize(ElementText.StringOf(fields["level"]));
        w.WriteTextProperty("level", level, w.RootMode("level"));
        var platform = ElementText.StringOf(fields["platform"]) is { Length: > 0 } p ? p.ToLowerInvariant() : "other";
        w.WriteTextProperty("platform", platform, w.RootMode("platform"));
        var text = new string?[TextFields.Length];
        for (var i = 0; i < TextFields.Length; i++)
        {
            text[i] = ElementText.ScalarText(fields[TextFields[i]])?.Trim() is { Length: > 0 } t ? t : null;
            if (text[i] is { } value)
            {
                w.WriteTextProperty(TextFields[i], value, w.RootMode(TextFields[i]));
            }
        }
        var (release, environment, serverName, transaction) = (text[0], text[2], text[3], text[4]);

        var (message, storedTemplate) = LogEntryFormatter.Write(w, fields["logentry"], fields["message"]);
        var exceptions = StackTraceWriter.Write(w, "exception", fields["exception"], w.RootMode("exception"), options.MaxFrames);
        StackTraceWriter.Write(w, "threads", fields["threads"], w.RootMode("threads"), options.MaxFrames);
        BreadcrumbWriter.Write(w, fields["breadcrumbs"], w.RootMode("breadcrumbs"), options.MaxBreadcrumbs);
        var tags = EventTags.Normalize(fields["tags"], level, release, environment, serverName);
        w.WritePairs("tags", tags, w.RootMode("tags"));
        var user = fields["user"];
        string? userKey = null;
        if (user.ValueKind == JsonValueKind.Object)
        {
            userKey = EventUser.Key(user);
            w.WriteNamed("user", user, w.RootMode("user"));
        }
        if (fields["request"] is { ValueKind: JsonValueKind.Object } request)
        {
            EventUser.WriteRequest(w, request, w.RootMode("request"));
        }
        foreach (var field in ObjectFields)
        {
            // A null is kept as sent; any other non-object is dropped.
            if (fields[field] is { ValueKind: JsonValueKind.Object or JsonValueKind.Null } value)
            {
                w.WriteNamed(field, value, w.RootMode(field));
            }
        }
        var fingerprint = WriteFingerprint(w, fields["fingerprint"]);

        var main = exceptions is { Count: > 0 } ? exceptions[^1] : null;
        var title = EventSummary.Title(main?.Type, main?.Value, message);
        var culprit = main?.Culprit ?? transaction ?? "";
        // The issue list shows the title and culprit as stored: the scrubbed text, never the raw one.
        title = w.WriteTextProperty("title", title, w.RootMode("title"));
        culprit = w.WriteTextProperty("culprit", culprit, w.RootMode("culprit"));
        foreach (var property in fields.Others)
        {
            w.WriteNamed(property.Name, property.Value, w.RootMode(property.Name));
        }
        w.WriteMeta();
        json.WriteEndObject();
        return new NormalizedEvent
        {
            EventId = eventId,
            Timestamp = timestamp,
            Level = level,
            Platform = platform,
            Release = release,
            Environment = environment,
            ServerName = serverName,
            Transaction = transaction,
            Logger = text[5],
            Title = title,
            Culprit = culprit,
            Message = message,
            ExceptionType = main?.Type,
            Tags = tags,
            UserKey = userKey,
            TraceId = ElementText.StringOf(ElementText.Property(ElementText.Property(fields["contexts"], "trace"), "trace_id")),
            Fingerprint = fingerprint is { Count: > 0 } ? fingerprint : null,
            Grouping = new GroupingInput(exceptions, storedTemplate),
        };
    }

    private static DateTimeOffset ReadTimestamp(JsonElement value, EventNormalizeOptions options)
    {
        if (!EventTimestamps.TryRead(value, out var timestamp))
        {
            return options.ReceivedAt;
        }
        // A clock far in the future would pin the issue to the top of every list; trust the server.
        return timestamp > options.ReceivedAt + options.MaxClockSkew ? options.ReceivedAt : timestamp;
    }

    private static List<string>? WriteFingerprint(PayloadWriter w, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        var fingerprint = new List<string>(value.GetArrayLength());
        foreach (var entry in value.EnumerateArray())
        {
            if (ElementText.ScalarText(entry) is { } text)
            {
                fingerprint.Add(text);
            }
        }
        var mode = w.RootMode("fingerprint");
        w.Push("fingerprint");
        w.Json.WritePropertyName("fingerprint");
        w.Json.WriteStartArray();
        for (var i = 0; i < fingerprint.Count; i++)
        {
            w.PushIndex(i);
            w.WriteText(fingerprint[i], mode);
            w.Pop();
        }
        w.Json.WriteEndArray();
        w.Pop();
        return fingerprint;
    }
}
