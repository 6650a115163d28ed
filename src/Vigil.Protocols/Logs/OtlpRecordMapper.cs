using System.Text.Json.Nodes;

namespace Vigil.Protocols.Logs;

/// <summary>
/// Maps a decoded OTLP LogRecord onto <see cref="LogRecord"/>, following the OpenTelemetry logs
/// data model and what the .NET exporter actually sends: a formatted body plus the template in
/// the <c>{OriginalFormat}</c> attribute, and exceptions as <c>exception.*</c> attributes.
/// </summary>
internal static class OtlpRecordMapper
{
    private const string OriginalFormat = "{OriginalFormat}";

    public static LogRecord Map(OtlpRawRecord raw, OtlpResourceContext context, DateTimeOffset receivedAt)
    {
        var record = new LogRecordBuilder
        {
            Timestamp = raw.TimeUnixNano != 0 ? LogTimestamps.FromUnixNanos(raw.TimeUnixNano)
                : raw.ObservedTimeUnixNano != 0 ? LogTimestamps.FromUnixNanos(raw.ObservedTimeUnixNano)
                : receivedAt,
            Level = raw.SeverityNumber != 0 ? LogLevels.FromOtlpSeverity(raw.SeverityNumber)
                : LogLevels.FromName(raw.SeverityText) ?? LogLevel.Information,
            TraceId = raw.TraceId,
            SpanId = raw.SpanId,
            EventName = string.IsNullOrEmpty(raw.EventName) ? null : raw.EventName,
            Properties = raw.Attributes,
        };
        var properties = raw.Attributes;
        record.Exception = TakeException(properties);
        SetMessage(record, raw.Body, TakeString(properties, OriginalFormat));
        // Promote after rendering: a template may well mention {RequestId}.
        WellKnownProperties.Promote(properties, record);
        context.ApplyTo(record);
        return record.Build();
    }

    private static void SetMessage(LogRecordBuilder record, JsonNode? body, string? template)
    {
        string? text = null;
        if (body is JsonValue value && value.TryGetValue(out string? s))
        {
            text = s;
        }
        else if (body is not null)
        {
            // Structured bodies stay queryable; the message shows them as JSON.
            text = body.ToJsonString();
            record.Properties["body"] = body;
        }
        if (template is not null)
        {
            record.Template = template;
            record.Message = text is null || text == template
                ? MessageTemplateRenderer.Render(template, record.Properties, quoteStrings: false)
                : text;
            return;
        }
        record.Message = text ?? "";
        if (text is not null && body is JsonValue && text.Contains('{'))
        {
            // Some SDKs send the template as the body with the values as attributes.
            var rendered = MessageTemplateRenderer.Render(text, record.Properties, quoteStrings: false);
            if (rendered != text)
            {
                record.Template = text;
                record.Message = rendered;
            }
        }
    }

    /// <summary>
    /// Semantic conventions split an exception into type, message and stack trace. .NET's stack
    /// trace already starts with "Type: message", so it is used alone when it does.
    /// </summary>
    private static string? TakeException(JsonObject properties)
    {
        var type = TakeString(properties, "exception.type");
        var message = TakeString(properties, "exception.message");
        var stack = TakeString(properties, "exception.stacktrace");
        if (stack is not null && (message is null || stack.Contains(message, StringComparison.Ordinal)))
        {
            return stack;
        }
        var head = type is null ? message : message is null ? type : $"{type}: {message}";
        return stack is null ? head : head is null ? stack : $"{head}\n{stack}";
    }

    private static string? TakeString(JsonObject properties, string key)
    {
        if (properties.TryGetPropertyValue(key, out var node) && node is JsonValue v && v.TryGetValue(out string? s))
        {
            properties.Remove(key);
            return s;
        }
        return null;
    }
}
