using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Protocols.Logs;

/// <summary>
/// Compact Log Event Format as Serilog.Formatting.Compact writes it and Seq ingests it: one JSON
/// object per line with reified <c>@t @m @mt @l @x @i @r @tr @sp</c> keys; every other key is a
/// property, <c>@@name</c> being a property literally called <c>@name</c>. Unknown <c>@</c> keys are
/// user data, as the format's versioning rule says.
/// </summary>
public static class ClefParser
{
    public static LogBatchResult Parse(ReadOnlySpan<byte> body, DateTimeOffset receivedAt) =>
        JsonLines.Parse(body, receivedAt, MapLine);

    /// <summary>Seq's older <c>{"Events":[{"Timestamp","Level","MessageTemplate","Properties","Exception"}]}</c> body.</summary>
    public static LogBatchResult ParseSeqJson(ReadOnlySpan<byte> body, DateTimeOffset receivedAt) =>
        SeqJsonReader.Read(body, receivedAt);

    private static string? MapLine(JsonObject line, LogRecordBuilder record)
    {
        string? template = null;
        string? message = null;
        JsonArray? renderings = null;
        var hasTime = false;
        List<string>? reified = null;
        foreach (var (key, value) in line)
        {
            if (key.Length < 2 || key[0] != '@' || key[1] == '@')
            {
                continue;
            }
            switch (key)
            {
                case "@t":
                    hasTime = LogTimestamps.TryRead(value, out var time);
                    record.Timestamp = time;
                    if (!hasTime)
                    {
                        return $"@t is not a valid timestamp: {value?.ToJsonString()}";
                    }
                    break;
                case "@m": message = AsString(value); break;
                case "@mt": template = AsString(value); break;
                case "@l": record.Level = ReadLevel(value); break;
                case "@x": record.Exception = AsString(value); break;
                case "@i": record.EventName = value is JsonValue ? AsString(value) ?? value.ToJsonString() : null; break;
                case "@r": renderings = value as JsonArray; break;
                case "@tr" when AsString(value) is { } trace && HexIds.TryNormalize(trace, 32, out var traceHex):
                    record.TraceId = traceHex;
                    break;
                case "@sp" when AsString(value) is { } span && HexIds.TryNormalize(span, 16, out var spanHex):
                    record.SpanId = spanHex;
                    break;
                default:
                    continue; // a future reified key, or an id we could not read: keep it as data
            }
            (reified ??= []).Add(key);
        }
        if (!hasTime)
        {
            return "@t (the timestamp) is required";
        }
        foreach (var key in reified!)
        {
            line.Remove(key);
        }
        Unescape(line);
        record.Template = template;
        record.Message = message ?? (template is null ? "" : MessageTemplateRenderer.Render(template, line, quoteStrings: true, renderings));
        WellKnownProperties.Promote(line, record);
        return null;
    }

    private static void Unescape(JsonObject line)
    {
        List<string>? escaped = null;
        foreach (var (key, _) in line)
        {
            if (key.StartsWith("@@", StringComparison.Ordinal))
            {
                (escaped ??= []).Add(key);
            }
        }
        foreach (var key in escaped ?? [])
        {
            line.Remove(key, out var value);
            line[key[1..]] = value;
        }
    }

    internal static LogLevel ReadLevel(JsonNode? value) => value switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out double n) => LogLevels.FromNumber(n),
        JsonValue v when v.TryGetValue(out string? s) => LogLevels.FromName(s) ?? LogLevel.Information,
        _ => LogLevel.Information,
    };

    internal static string? AsString(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue(out string? s) ? s : null;
}
