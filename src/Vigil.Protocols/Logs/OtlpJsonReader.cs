using System.Text.Json.Nodes;
using static Vigil.Protocols.Otlp.OtlpJsonFields;

namespace Vigil.Protocols.Logs;

/// <summary>
/// OTLP/JSON logs: the same tree as protobuf, so it fills the same <see cref="OtlpRawRecord"/>
/// and shares <see cref="OtlpRecordMapper"/>. Unknown fields are ignored, as the spec requires.
/// </summary>
internal static class OtlpJsonReader
{
    // AnyValue nests three JSON levels per value level; this allows deep but bounded bodies.
    private const int MaxDepth = 128;

    public static LogBatchResult Read(ReadOnlySpan<byte> body, DateTimeOffset receivedAt)
    {
        if (!JsonInput.TryParseObject(body, 0, MaxDepth, "OTLP JSON body", out var root, out var error))
        {
            return LogBatchResult.FromFatal(error!);
        }
        var resourceLogs = Get(root!, "resourceLogs", "resource_logs");
        if (resourceLogs is not null and not JsonArray)
        {
            return LogBatchResult.FromFatal(new ParseError("resourceLogs must be an array", ParseError.UnknownPosition));
        }
        var records = new List<LogRecord>();
        var errors = new List<LogLineError>();
        var index = 0;
        foreach (var resourceNode in (resourceLogs as JsonArray) ?? [])
        {
            if (resourceNode is not JsonObject resource)
            {
                continue;
            }
            var attributes = new JsonObject();
            if (resource["resource"] is JsonObject r)
            {
                ReadAttributes(r["attributes"], attributes);
            }
            var context = OtlpResourceContext.Create(attributes);
            foreach (var scopeNode in Get(resource, "scopeLogs", "scope_logs") as JsonArray ?? [])
            {
                if (scopeNode is not JsonObject scopeLogs)
                {
                    continue;
                }
                var scopeName = scopeLogs["scope"] is JsonObject scope ? GetString(scope, "name", "name") : null;
                var scoped = context.WithScope(scopeName);
                foreach (var recordNode in Get(scopeLogs, "logRecords", "log_records") as JsonArray ?? [])
                {
                    var raw = new OtlpRawRecord();
                    var problem = recordNode is JsonObject record ? Fill(record, raw) : "log record must be a JSON object";
                    if (problem is null)
                    {
                        records.Add(OtlpRecordMapper.Map(raw, scoped, receivedAt));
                    }
                    else
                    {
                        errors.Add(new LogLineError(index, problem));
                    }
                    index++;
                }
            }
        }
        return new LogBatchResult(records, errors, null);
    }

    private static string? Fill(JsonObject record, OtlpRawRecord raw)
    {
        if (!TryGetUInt64(Get(record, "timeUnixNano", "time_unix_nano"), out var time))
        {
            return "timeUnixNano must be an unsigned integer (a decimal string or a number)";
        }
        if (!TryGetUInt64(Get(record, "observedTimeUnixNano", "observed_time_unix_nano"), out var observed))
        {
            return "observedTimeUnixNano must be an unsigned integer (a decimal string or a number)";
        }
        raw.TimeUnixNano = time;
        raw.ObservedTimeUnixNano = observed;
        raw.SeverityNumber = ReadSeverityNumber(Get(record, "severityNumber", "severity_number"));
        raw.SeverityText = GetString(record, "severityText", "severity_text");
        raw.EventName = GetString(record, "eventName", "event_name");
        raw.Body = ReadAnyValue(record["body"]);
        ReadAttributes(record["attributes"], raw.Attributes);
        // Ids are hex in OTLP/JSON (not base64 as plain proto3 JSON would have them).
        if (GetString(record, "traceId", "trace_id") is { } trace && HexIds.TryNormalize(trace, 32, out var traceHex))
        {
            raw.TraceId = traceHex;
        }
        if (GetString(record, "spanId", "span_id") is { } span && HexIds.TryNormalize(span, 16, out var spanHex))
        {
            raw.SpanId = spanHex;
        }
        return null;
    }
}
