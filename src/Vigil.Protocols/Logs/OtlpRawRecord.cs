using System.Text.Json.Nodes;

namespace Vigil.Protocols.Logs;

/// <summary>
/// An OTLP LogRecord as decoded, before mapping: protobuf and JSON decoders both fill one, so
/// the mapping to <see cref="LogRecord"/> is written once.
/// </summary>
internal sealed class OtlpRawRecord
{
    public ulong TimeUnixNano { get; set; }
    public ulong ObservedTimeUnixNano { get; set; }
    public int SeverityNumber { get; set; }
    public string? SeverityText { get; set; }
    public JsonNode? Body { get; set; }
    public JsonObject Attributes { get; } = new();
    public string? TraceId { get; set; }
    public string? SpanId { get; set; }
    public string? EventName { get; set; }
}
