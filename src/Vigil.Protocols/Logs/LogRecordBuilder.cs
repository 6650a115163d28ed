using System.Text.Json.Nodes;

namespace Vigil.Protocols.Logs;

/// <summary>
/// The mutable side of <see cref="LogRecord"/>: each parser fills one in whatever order its
/// format delivers fields, and <see cref="Build"/> computes the derived template hash once.
/// </summary>
internal sealed class LogRecordBuilder
{
    public DateTimeOffset Timestamp { get; set; }
    public LogLevel Level { get; set; } = LogLevel.Information;
    public string Message { get; set; } = "";
    public string? Template { get; set; }
    public string? Service { get; set; }
    public string? Host { get; set; }
    public int? ProcessId { get; set; }
    public string? TraceId { get; set; }
    public string? SpanId { get; set; }
    public string? RequestId { get; set; }
    public string? Exception { get; set; }
    public string? Environment { get; set; }
    public string? EventName { get; set; }
    public JsonObject Properties { get; set; } = new();

    public LogRecord Build() => new()
    {
        Timestamp = Timestamp,
        Level = Level,
        Message = Message,
        Template = Template,
        TemplateHash = LogTemplateHash.Compute(Template ?? Message),
        Service = Service,
        Host = Host,
        ProcessId = ProcessId,
        TraceId = TraceId,
        SpanId = SpanId,
        RequestId = RequestId,
        Exception = Exception,
        Environment = Environment,
        EventName = EventName,
        Properties = Properties,
    };
}
