using System.Text.Json.Nodes;

namespace Vigil.Protocols.Logs;

/// <summary>
/// One log event after parsing, whatever format it arrived in. Fields that every query needs
/// (time, level, service, trace) are promoted out of the properties so storage can index them;
/// everything else stays in <see cref="Properties"/>, nested as sent.
/// </summary>
public sealed class LogRecord
{
    public DateTimeOffset Timestamp { get; init; }

    public LogLevel Level { get; init; } = LogLevel.Information;

    /// <summary>The rendered message.</summary>
    public string Message { get; init; } = "";

    /// <summary>The message template (CLEF <c>@mt</c>, OTLP <c>{OriginalFormat}</c>), when the sender had one.</summary>
    public string? Template { get; init; }

    /// <summary>FNV-1a 64 of <see cref="Template"/> ?? <see cref="Message"/>; see <see cref="LogTemplateHash"/>.</summary>
    public ulong TemplateHash { get; init; }

    public string? Service { get; init; }

    public string? Host { get; init; }

    public int? ProcessId { get; init; }

    /// <summary>32 lower-case hex digits.</summary>
    public string? TraceId { get; init; }

    /// <summary>16 lower-case hex digits.</summary>
    public string? SpanId { get; init; }

    public string? RequestId { get; init; }

    public string? Exception { get; init; }

    public string? Environment { get; init; }

    /// <summary>OTLP <c>event_name</c> or CLEF <c>@i</c>.</summary>
    public string? EventName { get; init; }

    /// <summary>
    /// Everything not promoted above. OTLP resource attributes that were not promoted sit in a
    /// nested <c>"resource"</c> object and the instrumentation scope name in <c>"scope"</c>.
    /// </summary>
    public JsonObject Properties { get; init; } = new();
}
