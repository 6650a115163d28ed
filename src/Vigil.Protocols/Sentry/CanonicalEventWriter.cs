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
    private static readonly HashSet<string> Owned = new(StringComparer.Ordinal)
    {
        "event_id", "timestamp", "level", "platform", "release", "dist", "environment", "server_name", "transaction", "logger",
        "message", "logentry", "exception", "threads", "breadcrumbs", "tags", "user", "request",
        "contexts", "extra", "modules", "sdk", "fingerprint", "title", "culprit", "_meta",
    };

    public static NormalizedEvent Write(PayloadWriter w, JsonElement root, EventNormalizeOptions options)
    {
        var json = w.Json;
        json.WriteStartObject();
        var eventId = EventIds.Normalize(options.EventIdOverride)
            ?? EventIds.Normalize(ElementText.StringOf(Get(root, "event_id")))
            ?? EventIds.NewId();
        w.WriteTextProperty("event_id", eventId, w.RootMode("event_id"));
        var timestamp = ReadTimestamp(Get(root, "timestamp"), options);
        w.Push("timestamp");
        json.WritePropertyName("timestamp");
        w.WriteNumber(EventTimestamps.ToEpoch(timestamp), w.RootMode("timestamp"));
        w.Pop();
        var level = LevelNames.Normalize(ElementText.StringOf(Get(root, "level")));
        w.WriteTextProperty("level", level, w.RootMode("level"));
        var platform = ElementText.StringOf(Get(root, "platform")) is { Length: > 0 } p ? p.ToLowerInvariant() : "other";
        w.WriteTextProperty("platform", platform, w.RootMode("platform"));
        var text = new string?[TextFields.Length];
        for (var i = 0; i < TextFields.Length; i++)
        {
            text[i] = ElementText.ScalarText(Get(root, TextFields[i]))?.Trim() is { Length: > 0 } t ? t : null;
            if (text[i] is { } value)
            {
                w.WriteTextProperty(TextFields[i], value, w.RootMode(TextFields[i]));
            }
        }
        var (release, environment, serverName, transaction) = (text[0], text[2], text[3], text[4]);

        var (message, storedTemplate) = LogEntryFormatter.Write(w, Get(root, "logentry"), Get(root, "message"));
        var exceptions = StackTraceWriter.Write(w, "exception", Get(root, "exception"), w.RootMode("exception"), options.MaxFrames);
        StackTraceWriter.Write(w, "threads", Get(root, "threads"), w.RootMode("threads"), options.MaxFrames);
        BreadcrumbWriter.Write(w, Get(root, "breadcrumbs"), w.RootMode("breadcrumbs"), options.MaxBreadcrumbs);
        var tags = EventTags.Normalize(Get(root, "tags"), level, release, environment, serverName);
        w.WritePairs("tags", tags, w.RootMode("tags"));
        var user = Get(root, "user");
        string? userKey = null;
        if (user.ValueKind == JsonValueKind.Object)
        {
            userKey = EventUser.Key(user);
            w.WriteProperty("user", user, w.RootMode("user"));
        }
        if (Get(root, "request") is { ValueKind: JsonValueKind.Object } request)
        {
            EventUser.WriteRequest(w, request, w.RootMode("request"));
        }
        foreach (var field in ObjectFields)
        {
            // A null is kept as sent; any other non-object is dropped.
            if (Get(root, field) is { ValueKind: JsonValueKind.Object or JsonValueKind.Null } value)
            {
                w.WriteProperty(field, value, w.RootMode(field));
            }
        }
        var fingerprint = WriteFingerprint(w, Get(root, "fingerprint"));

        var main = exceptions is { Count: > 0 } ? exceptions[^1] : null;
        var title = EventSummary.Title(main?.Type, main?.Value, message);
        var culprit = main?.Culprit ?? transaction ?? "";
        w.WriteTextProperty("title", title, w.RootMode("title"));
        w.WriteTextProperty("culprit", culprit, w.RootMode("culprit"));
        foreach (var property in root.EnumerateObject())
        {
            if (!Owned.Contains(property.Name))
            {
                w.WriteProperty(property.Name, property.Value, w.RootMode(property.Name));
            }
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
            TraceId = ElementText.StringOf(ElementText.Property(ElementText.Property(Get(root, "contexts"), "trace"), "trace_id")),
            Fingerprint = fingerprint is { Count: > 0 } ? fingerprint : null,
            Grouping = new GroupingInput(exceptions, storedTemplate),
        };
    }

    private static JsonElement Get(JsonElement root, string name) => root.TryGetProperty(name, out var value) ? value : default;

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
