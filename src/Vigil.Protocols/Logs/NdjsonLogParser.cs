using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Protocols.Logs;

/// <summary>
/// Plain JSON-lines logs as pino, bunyan, zap, logrus, structlog and Docker's json-file write
/// them: no fixed schema, so time, level, message and error are looked for under their common
/// names (first found wins) and everything else is a property. A line with no usable time
/// gets the time it was received; an unparseable time value stays as a property.
/// </summary>
public static class NdjsonLogParser
{
    public static LogBatchResult Parse(ReadOnlySpan<byte> body, DateTimeOffset receivedAt) =>
        JsonLines.Parse(body, receivedAt, MapLine);

    private static string? MapLine(JsonObject line, LogRecordBuilder record)
    {
        bool hasTime = false, hasLevel = false, hasMessage = false, hasError = false;
        List<string>? taken = null;
        foreach (var (key, value) in line)
        {
            var used = key switch
            {
                "timestamp" or "time" or "@timestamp" or "ts" or "t" when !hasTime =>
                    hasTime = TryTime(value, record),
                "level" or "severity" or "lvl" or "loglevel" or "@l" when !hasLevel =>
                    hasLevel = TryLevel(value, record),
                "message" or "msg" or "@m" or "@message" when !hasMessage =>
                    hasMessage = TryMessage(value, record),
                "exception" or "error" or "err" or "stack" or "stack_trace" when !hasError =>
                    hasError = TryError(value, record),
                _ => false,
            };
            if (used)
            {
                (taken ??= []).Add(key);
            }
        }
        foreach (var key in taken ?? [])
        {
            line.Remove(key);
        }
        WellKnownProperties.Promote(line, record);
        return null;
    }

    private static bool TryTime(JsonNode? value, LogRecordBuilder record)
    {
        if (!LogTimestamps.TryRead(value, out var time))
        {
            return false;
        }
        record.Timestamp = time;
        return true;
    }

    private static bool TryLevel(JsonNode? value, LogRecordBuilder record)
    {
        LogLevel? level = value switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out double n) => LogLevels.FromNumber(n),
            JsonValue v when v.TryGetValue(out string? s) => LogLevels.FromName(s),
            _ => null,
        };
        record.Level = level ?? LogLevel.Information;
        return level is not null;
    }

    private static bool TryMessage(JsonNode? value, LogRecordBuilder record)
    {
        if (value is not JsonValue v || !v.TryGetValue(out string? text))
        {
            return false;
        }
        record.Message = text;
        return true;
    }

    /// <summary>A stack trace as text, or an error object such as pino's <c>{type, message, stack}</c>.</summary>
    private static bool TryError(JsonNode? value, LogRecordBuilder record)
    {
        switch (value)
        {
            case JsonValue v when v.TryGetValue(out string? text):
                record.Exception = text;
                return true;
            case JsonObject error:
                var stack = ClefParser.AsString(error["stack"]);
                var message = ClefParser.AsString(error["message"]);
                var type = ClefParser.AsString(error["type"]) ?? ClefParser.AsString(error["name"]);
                if (stack is null && message is null)
                {
                    return false;
                }
                record.Exception = stack ?? (type is null ? message : $"{type}: {message}");
                return true;
            default:
                return false;
        }
    }
}
