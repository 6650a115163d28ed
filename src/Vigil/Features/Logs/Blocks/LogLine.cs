using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Protocols.Logs;
using LogLevel = Vigil.Protocols.Logs.LogLevel;

namespace Vigil.Features.Logs.Blocks;

/// <summary>
/// One event as one line of a block: a compact JSON object with short names (t time, l level,
/// m message, h template hash, s service, ho host, pid, tr trace, sp span, r request, e
/// environment, x exception, i event name, p properties), absent fields left out. Lines never
/// hold a raw newline (JSON escapes it), so a block splits on '\n'. Text stays UTF-8 as sent
/// (relaxed escaping), so a word is found in a line's bytes as it was written.
/// </summary>
public static class LogLine
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static JsonWriterOptions Options => WriterOptions;

    /// <summary>Writes <paramref name="record"/> as one line (without the newline).</summary>
    /// <returns>the bytes its properties took</returns>
    public static long Write(Utf8JsonWriter json, LogRecord record)
    {
        json.WriteStartObject();
        json.WriteNumber("t"u8, record.Timestamp.ToUnixTimeMilliseconds());
        json.WriteNumber("l"u8, (int)record.Level);
        json.WriteString("m"u8, record.Message);
        json.WriteNumber("h"u8, unchecked((long)record.TemplateHash));
        WriteOptional(json, "s"u8, record.Service);
        WriteOptional(json, "ho"u8, record.Host);
        if (record.ProcessId is { } pid)
            json.WriteNumber("pid"u8, pid);
        WriteOptional(json, "tr"u8, record.TraceId);
        WriteOptional(json, "sp"u8, record.SpanId);
        WriteOptional(json, "r"u8, record.RequestId);
        WriteOptional(json, "e"u8, record.Environment);
        WriteOptional(json, "x"u8, record.Exception);
        WriteOptional(json, "i"u8, record.EventName);
        long properties = 2;
        if (record.Properties.Count > 0)
        {
            json.WritePropertyName("p"u8);
            var start = json.BytesCommitted + json.BytesPending;
            WriteValue(json, record.Properties);
            properties = json.BytesCommitted + json.BytesPending - start;
        }
        json.WriteEndObject();
        return properties;
    }

    /// <summary>Writes an OTLP record read as a view exactly as <see cref="Write(Utf8JsonWriter, LogRecord)"/>
    /// writes the same record mapped to a <see cref="LogRecord"/>, from its UTF-8 as sent.</summary>
    /// <returns>the bytes its properties took</returns>
    public static long Write(Utf8JsonWriter json, in OtlpLogView record)
    {
        json.WriteStartObject();
        json.WriteNumber("t"u8, record.TimestampMs);
        json.WriteNumber("l"u8, (int)record.Level);
        json.WriteString("m"u8, record.Message);
        json.WriteNumber("h"u8, unchecked((long)record.TemplateHash));
        WriteOptional(json, "s"u8, record.Service);
        WriteOptional(json, "ho"u8, record.Host);
        if (record.ProcessId is { } pid)
            json.WriteNumber("pid"u8, pid);
        WriteOptional(json, "tr"u8, record.TraceId);
        WriteOptional(json, "sp"u8, record.SpanId);
        WriteOptional(json, "r"u8, record.RequestId);
        WriteOptional(json, "e"u8, record.Environment);
        WriteOptional(json, "i"u8, record.EventName);
        long properties = 2;
        if (record.Properties.Length > 0 || record.Resource is not null || record.Scope is not null)
        {
            json.WritePropertyName("p"u8);
            var start = json.BytesCommitted + json.BytesPending;
            json.WriteStartObject();
            foreach (ref readonly var attribute in record.Properties)
            {
                json.WritePropertyName(record.Key(attribute));
                switch (attribute.Kind)
                {
                    case OtlpValueKind.String: json.WriteStringValue(record.Text(attribute)); break;
                    case OtlpValueKind.Int: json.WriteNumberValue(attribute.Integer); break;
                    case OtlpValueKind.Bool: json.WriteBooleanValue(attribute.Integer != 0); break;
                    default: WriteDouble(json, attribute.Number); break;
                }
            }
            if (record.Resource is not null)
            {
                json.WritePropertyName("resource"u8);
                WriteValue(json, record.Resource);
            }
            if (record.Scope is not null)
                json.WriteString("scope"u8, record.Scope);
            json.WriteEndObject();
            properties = json.BytesCommitted + json.BytesPending - start;
        }
        json.WriteEndObject();
        return properties;
    }

    /// <summary>A finite double as <see cref="WriteValue"/> writes it: its shortest round-trip text,
    /// unless that has an exponent, which <see cref="NumberText"/> decides about.</summary>
    private static void WriteDouble(Utf8JsonWriter json, double number)
    {
        Span<byte> text = stackalloc byte[32];
        if (number.TryFormat(text, out var written, "R", CultureInfo.InvariantCulture) && text[..written].IndexOfAny((byte)'e', (byte)'E') < 0)
            json.WriteRawValue(text[..written], skipInputValidation: true);
        else
            WriteValue(json, JsonValue.Create(number));
    }

    /// <summary>Whether a line's field holds words for the block filter: the text fields and the
    /// properties, not the time, level, template hash or process id.</summary>
    public static bool HoldsWords(ReadOnlySpan<byte> name) => name.Length switch
    {
        1 => name[0] is (byte)'m' or (byte)'s' or (byte)'r' or (byte)'e' or (byte)'x' or (byte)'i' or (byte)'p',
        2 => name.SequenceEqual("ho"u8) || name.SequenceEqual("tr"u8) || name.SequenceEqual("sp"u8),
        _ => false,
    };

    /// <summary>Reads a line into <paramref name="target"/>; the returned document backs its
    /// <see cref="StoredLogEvent.Properties"/> and must be disposed after use. Null when the line is not an event.</summary>
    public static JsonDocument? Read(ReadOnlyMemory<byte> line, long id, StoredLogEvent target)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return null;
        }
        var root = document.RootElement;
        target.Id = id;
        target.Timestamp = 0;
        target.Level = LogLevel.Information;
        target.Message = "";
        target.TemplateHash = 0;
        target.Template = null;
        target.Service = target.Host = target.TraceId = target.SpanId = target.RequestId = target.Environment = target.Exception = target.EventName = null;
        target.Pid = null;
        target.Properties = default;
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Null)
                continue;
            switch (property.Name)
            {
                case "t": target.Timestamp = value.GetInt64(); break;
                case "l": target.Level = (LogLevel)value.GetInt32(); break;
                case "m": target.Message = value.GetString() ?? ""; break;
                case "h": target.TemplateHash = value.GetInt64(); break;
                case "s": target.Service = value.GetString(); break;
                case "ho": target.Host = value.GetString(); break;
                case "pid": target.Pid = value.GetInt32(); break;
                case "tr": target.TraceId = value.GetString(); break;
                case "sp": target.SpanId = value.GetString(); break;
                case "r": target.RequestId = value.GetString(); break;
                case "e": target.Environment = value.GetString(); break;
                case "x": target.Exception = value.GetString(); break;
                case "i": target.EventName = value.GetString(); break;
                case "p": target.Properties = value; break;
            }
        }
        return document;
    }

    /// <summary>Writes a property value as sent, except a number in exponent form (5.03e2), which is
    /// written in its shortest exact form (503) when that is the same number: a search for 503 then
    /// finds its digits in the line's bytes.</summary>
    private static void WriteValue(Utf8JsonWriter json, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                json.WriteStartObject();
                foreach (var (name, child) in obj)
                {
                    json.WritePropertyName(name);
                    WriteValue(json, child);
                }
                json.WriteEndObject();
                break;
            case JsonArray array:
                json.WriteStartArray();
                foreach (var child in array)
                    WriteValue(json, child);
                json.WriteEndArray();
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                if (value.TryGetValue<long>(out var integer))
                    json.WriteNumberValue(integer);
                else
                    json.WriteRawValue(NumberText(value)!, skipInputValidation: true);
                break;
            case null:
                json.WriteNullValue();
                break;
            default:
                node.WriteTo(json);
                break;
        }
    }

    /// <summary>The number's text as a line stores it (see <see cref="WriteValue"/>).</summary>
    public static string NumberText(JsonValue value)
    {
        var raw = value.ToJsonString();
        if (raw.AsSpan().IndexOfAny('e', 'E') < 0)
            return raw;
        return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            && LogTokens.NumberText(number) is var exact && exact.AsSpan().IndexOfAny('e', 'E') < 0
            && double.Parse(exact, CultureInfo.InvariantCulture) == number
                ? exact
                : raw;
    }

    private static void WriteOptional(Utf8JsonWriter json, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
            json.WriteString(name, value);
    }

    private static void WriteOptional(Utf8JsonWriter json, ReadOnlySpan<byte> name, ReadOnlySpan<byte> utf8)
    {
        if (!utf8.IsEmpty)
            json.WriteString(name, utf8);
    }
}
