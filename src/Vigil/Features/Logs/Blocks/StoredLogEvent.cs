using System.Text.Json;
using Vigil.Protocols.Logs;
using LogLevel = Vigil.Protocols.Logs.LogLevel;

namespace Vigil.Features.Logs.Blocks;

/// <summary>One event as a block stores it, read back from its line. <see cref="Properties"/> is an
/// element of the line's parsed document and lives only as long as the reader that produced it.</summary>
public sealed class StoredLogEvent
{
    /// <summary>(block id &lt;&lt; 16) | line index: unique, and increasing in the order events were stored.</summary>
    public long Id { get; set; }

    /// <summary>Unix milliseconds.</summary>
    public long Timestamp { get; set; }

    public LogLevel Level { get; set; }

    public string Message { get; set; } = "";

    public long TemplateHash { get; set; }

    /// <summary>The message template text, resolved from log_templates by the reader (null when unknown).</summary>
    public string? Template { get; set; }

    public string? Service { get; set; }

    public string? Host { get; set; }

    public int? Pid { get; set; }

    public string? TraceId { get; set; }

    public string? SpanId { get; set; }

    public string? RequestId { get; set; }

    public string? Environment { get; set; }

    public string? Exception { get; set; }

    public string? EventName { get; set; }

    /// <summary>The event's properties, a JSON object (nested as sent); <c>default</c> when it has none.</summary>
    public JsonElement Properties { get; set; }
}
