using System.Text.Json.Nodes;

namespace Vigil.Protocols.Logs;

/// <summary>The type of a scalar attribute value in an <see cref="OtlpLogView"/>.</summary>
public enum OtlpValueKind : byte { String, Bool, Int, Double }

/// <summary>One attribute of an <see cref="OtlpLogView"/>: its key and, for a string, its value are
/// ranges of the request body; a bool or int is in <see cref="Integer"/>, a double in <see cref="Number"/>.</summary>
public readonly record struct OtlpAttribute(int KeyStart, int KeyLength, OtlpValueKind Kind, int ValueStart, int ValueLength, long Integer, double Number);

/// <summary>
/// One OTLP LogRecord already mapped as <see cref="OtlpLogsDecoder"/> maps every record (time, level,
/// message and template, promoted fields, the resource and scope), but left as UTF-8 in the request
/// body instead of being turned into strings and a <see cref="JsonObject"/>. Only plain records are
/// read this way (see <see cref="OtlpLogsDecoder.DecodeProtobuf(ReadOnlySpan{byte}, DateTimeOffset, IOtlpLogSink)"/>);
/// the text fields are empty when absent. Valid until the sink returns.
/// </summary>
public readonly ref struct OtlpLogView
{
    public ReadOnlySpan<byte> Request { get; init; }
    public long TimestampMs { get; init; }
    public LogLevel Level { get; init; }
    public ReadOnlySpan<byte> Message { get; init; }
    /// <summary>Empty when the record had no template.</summary>
    public ReadOnlySpan<byte> Template { get; init; }
    public ulong TemplateHash { get; init; }
    public ReadOnlySpan<byte> Service { get; init; }
    public ReadOnlySpan<byte> Host { get; init; }
    public int? ProcessId { get; init; }
    /// <summary>32 lower-case hex digits.</summary>
    public ReadOnlySpan<byte> TraceId { get; init; }
    /// <summary>16 lower-case hex digits.</summary>
    public ReadOnlySpan<byte> SpanId { get; init; }
    public ReadOnlySpan<byte> RequestId { get; init; }
    public ReadOnlySpan<byte> Environment { get; init; }
    public ReadOnlySpan<byte> EventName { get; init; }
    /// <summary>The attributes left as properties, in the order sent.</summary>
    public ReadOnlySpan<OtlpAttribute> Properties { get; init; }
    /// <summary>The resource attributes not promoted (the "resource" property); null when none are left.</summary>
    public JsonObject? Resource { get; init; }
    /// <summary>The instrumentation scope's name (the "scope" property).</summary>
    public string? Scope { get; init; }

    public ReadOnlySpan<byte> Key(in OtlpAttribute attribute) => Request.Slice(attribute.KeyStart, attribute.KeyLength);

    public ReadOnlySpan<byte> Text(in OtlpAttribute attribute) => Request.Slice(attribute.ValueStart, attribute.ValueLength);
}

/// <summary>Receives the records of an OTLP request as they are read: plain ones as views, the
/// others as <see cref="LogRecord"/>s, broken ones as errors.</summary>
public interface IOtlpLogSink
{
    void Add(LogRecord record);

    void Add(in OtlpLogView record);

    void Fail(LogLineError error);
}
