using System.Globalization;
using System.Text.Json.Nodes;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// Turns an event payload as SDKs send it (many legacy and lenient shapes) into one canonical
/// shape and lifts out the fields ingest needs. Runs once per event on the ingest hot path, so it
/// parses once, mutates the parsed tree in place and never throws on bad input.
/// </summary>
public static class EventNormalizer
{
    private static readonly string[] TextFields = ["release", "dist", "environment", "server_name", "transaction", "logger"];

    public static EventNormalizeResult Normalize(ReadOnlySpan<byte> json, EventNormalizeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!JsonInput.TryParseObject(json, 0, options.MaxDepth, "event", out var root, out var error))
        {
            return new EventNormalizeResult(null, error);
        }
        var meta = new EventMeta();
        var ev = Build(root!, options, meta);
        // A string cannot be longer in characters than the whole document is in bytes.
        if (json.Length > options.MaxStringLength)
        {
            meta.TrimStrings(root!, options.MaxStringLength);
        }
        meta.WriteTo(root!);
        return new EventNormalizeResult(ev, null);
    }

    private static NormalizedEvent Build(JsonObject root, EventNormalizeOptions options, EventMeta meta)
    {
        var eventId = EventIds.Normalize(options.EventIdOverride)
            ?? EventIds.Normalize(JsonShapes.StringOf(root["event_id"]))
            ?? EventIds.NewId();
        root["event_id"] = eventId;

        var timestamp = ReadTimestamp(root, options);
        root["timestamp"] = EventTimestamps.ToEpoch(timestamp);

        var level = LevelNames.Normalize(JsonShapes.StringOf(root["level"]));
        root["level"] = level;
        var platform = JsonShapes.StringOf(root["platform"]) is { Length: > 0 } p ? p.ToLowerInvariant() : "other";
        root["platform"] = platform;
        foreach (var field in TextFields)
        {
            NormalizeText(root, field);
        }
        var release = JsonShapes.StringOf(root["release"]);
        var environment = JsonShapes.StringOf(root["environment"]);
        var serverName = JsonShapes.StringOf(root["server_name"]);
        var transaction = JsonShapes.StringOf(root["transaction"]);

        var message = LogEntryFormatter.Normalize(root);
        var exceptions = NormalizeStackOwners(root, "exception", options, meta);
        NormalizeStackOwners(root, "threads", options, meta);
        NormalizeBreadcrumbs(root, options, meta);
        var tags = EventTags.Normalize(root, level, release, environment, serverName);
        var userKey = EventUser.Normalize(root);
        EventUser.NormalizeRequest(root);
        foreach (var field in (ReadOnlySpan<string>)["contexts", "extra", "modules", "sdk"])
        {
            if (root[field] is not null and not JsonObject)
            {
                root.Remove(field);
            }
        }

        var main = EventSummary.MainException(exceptions);
        var title = EventSummary.Title(main, message);
        var culprit = EventSummary.Culprit(main, transaction);
        root["title"] = title;
        root["culprit"] = culprit;
        return new NormalizedEvent(root)
        {
            EventId = eventId,
            Timestamp = timestamp,
            Level = level,
            Platform = platform,
            Release = release,
            Environment = environment,
            ServerName = serverName,
            Transaction = transaction,
            Logger = JsonShapes.StringOf(root["logger"]),
            Title = title,
            Culprit = culprit,
            Message = message,
            ExceptionType = JsonShapes.StringOf(main?["type"]),
            Tags = tags,
            UserKey = userKey,
            TraceId = JsonShapes.StringOf(root["contexts"]?["trace"]?["trace_id"]),
            Fingerprint = NormalizeFingerprint(root),
        };
    }

    private static DateTimeOffset ReadTimestamp(JsonObject root, EventNormalizeOptions options)
    {
        if (!EventTimestamps.TryRead(root["timestamp"], out var timestamp))
        {
            return options.ReceivedAt;
        }
        // A clock far in the future would pin the issue to the top of every list; trust the server.
        return timestamp > options.ReceivedAt + options.MaxClockSkew ? options.ReceivedAt : timestamp;
    }

    private static void NormalizeText(JsonObject root, string field)
    {
        var text = JsonShapes.ScalarText(root[field])?.Trim();
        root.Remove(field);
        if (!string.IsNullOrEmpty(text))
        {
            root[field] = text;
        }
    }

    private static JsonArray? NormalizeStackOwners(JsonObject root, string key, EventNormalizeOptions options, EventMeta meta)
    {
        var values = JsonShapes.CanonicalValues(root, key);
        if (values is null)
        {
            return null;
        }
        for (var i = values.Count - 1; i >= 0; i--)
        {
            if (values[i] is not JsonObject)
            {
                values.RemoveAt(i);
            }
        }
        for (var i = 0; i < values.Count; i++)
        {
            var owner = (JsonObject)values[i]!;
            if (key == "exception")
            {
                NormalizeText(owner, "type");
                NormalizeText(owner, "value");
            }
            var path = string.Create(CultureInfo.InvariantCulture, $"{key}.values.{i}");
            StackTraceNormalizer.Normalize(owner, path, options.MaxFrames, meta);
        }
        return values;
    }

    private static void NormalizeBreadcrumbs(JsonObject root, EventNormalizeOptions options, EventMeta meta)
    {
        var crumbs = JsonShapes.CanonicalValues(root, "breadcrumbs");
        if (crumbs is null)
        {
            return;
        }
        for (var i = crumbs.Count - 1; i >= 0; i--)
        {
            if (crumbs[i] is not JsonObject crumb)
            {
                crumbs.RemoveAt(i);
                continue;
            }
            if (crumb["timestamp"] is JsonNode at && EventTimestamps.TryRead(at, out var when))
            {
                crumb["timestamp"] = EventTimestamps.ToEpoch(when);
            }
        }
        if (crumbs.Count > options.MaxBreadcrumbs)
        {
            var original = crumbs.Count;
            // Oldest first: the newest (closest to the error) are at the end.
            var drop = crumbs.Count - options.MaxBreadcrumbs;
            var kept = new JsonNode?[options.MaxBreadcrumbs];
            for (var i = 0; i < kept.Length; i++)
            {
                kept[i] = crumbs[drop + i];
            }
            crumbs.Clear();
            foreach (var crumb in kept)
            {
                crumbs.Add(crumb);
            }
            meta.RecordTrim("breadcrumbs.values", original);
        }
    }

    private static List<string>? NormalizeFingerprint(JsonObject root)
    {
        if (root["fingerprint"] is not JsonArray list)
        {
            root.Remove("fingerprint");
            return null;
        }
        var fingerprint = new List<string>(list.Count);
        foreach (var entry in list)
        {
            if (JsonShapes.ScalarText(entry) is { } text)
            {
                fingerprint.Add(text);
            }
        }
        root["fingerprint"] = new JsonArray([.. fingerprint.Select(f => (JsonNode?)JsonValue.Create(f))]);
        return fingerprint.Count > 0 ? fingerprint : null;
    }
}
