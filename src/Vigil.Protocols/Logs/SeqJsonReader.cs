using System.Text.Json.Nodes;

namespace Vigil.Protocols.Logs;

/// <summary>
/// Seq's original raw-events body, still sent by older Serilog.Sinks.Seq versions and other
/// clients: <c>{"Events":[…]}</c> with the event's properties in a nested object.
/// Errors are numbered by 0-based event index.
/// </summary>
internal static class SeqJsonReader
{
    private const int MaxDepth = 64;

    public static LogBatchResult Read(ReadOnlySpan<byte> body, DateTimeOffset receivedAt)
    {
        if (!JsonInput.TryParseObject(body, 0, MaxDepth, "Seq events body", out var root, out var error))
        {
            return LogBatchResult.FromFatal(error!);
        }
        if (root!["Events"] is not JsonArray events)
        {
            return LogBatchResult.FromFatal(new ParseError("the body must have an \"Events\" array", 0));
        }
        var records = new List<LogRecord>();
        var errors = new List<LogLineError>();
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is not JsonObject evt)
            {
                errors.Add(new LogLineError(i, $"event {i} must be a JSON object"));
                continue;
            }
            if (!LogTimestamps.TryRead(evt["Timestamp"], out var timestamp))
            {
                errors.Add(new LogLineError(i, $"event {i}: Timestamp is missing or not a valid timestamp"));
                continue;
            }
            evt.Remove("Properties", out var propertiesNode);
            var properties = propertiesNode as JsonObject ?? new JsonObject();
            var template = ClefParser.AsString(evt["MessageTemplate"]);
            var record = new LogRecordBuilder
            {
                Timestamp = timestamp,
                Level = ClefParser.ReadLevel(evt["Level"]),
                Template = template,
                Exception = ClefParser.AsString(evt["Exception"]),
                Properties = properties,
            };
            record.Message = ClefParser.AsString(evt["RenderedMessage"])
                ?? (template is null ? "" : MessageTemplateRenderer.Render(template, properties));
            WellKnownProperties.Promote(properties, record);
            records.Add(record.Build());
        }
        return new LogBatchResult(records, errors, null);
    }
}
