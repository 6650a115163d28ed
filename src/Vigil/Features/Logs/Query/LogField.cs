using Vigil.Protocols.LogQuery;

namespace Vigil.Features.Logs.Query;

/// <summary>What a name in a query refers to: one of the columns every event has, or a property.</summary>
public sealed record LogField(string? Column, FieldPath? Property, LogFieldKind Kind)
{
    private static readonly Dictionary<string, (string Column, LogFieldKind Kind)> Columns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@timestamp"] = ("timestamp", LogFieldKind.Timestamp), ["@t"] = ("timestamp", LogFieldKind.Timestamp), ["timestamp"] = ("timestamp", LogFieldKind.Timestamp),
        ["@level"] = ("level", LogFieldKind.Level), ["@l"] = ("level", LogFieldKind.Level), ["level"] = ("level", LogFieldKind.Level), ["severity"] = ("level", LogFieldKind.Level),
        ["@message"] = ("message", LogFieldKind.Text), ["@m"] = ("message", LogFieldKind.Text), ["message"] = ("message", LogFieldKind.Text), ["msg"] = ("message", LogFieldKind.Text),
        ["@exception"] = ("exception", LogFieldKind.Text), ["@x"] = ("exception", LogFieldKind.Text), ["exception"] = ("exception", LogFieldKind.Text),
        ["@service"] = ("service", LogFieldKind.Text), ["service"] = ("service", LogFieldKind.Text), ["service.name"] = ("service", LogFieldKind.Text),
        ["@host"] = ("host", LogFieldKind.Text), ["host"] = ("host", LogFieldKind.Text), ["host.name"] = ("host", LogFieldKind.Text),
        ["@pid"] = ("pid", LogFieldKind.Number), ["pid"] = ("pid", LogFieldKind.Number), ["process.pid"] = ("pid", LogFieldKind.Number), ["ProcessId"] = ("pid", LogFieldKind.Number),
        ["@trace_id"] = ("trace_id", LogFieldKind.Text), ["@tr"] = ("trace_id", LogFieldKind.Text), ["trace_id"] = ("trace_id", LogFieldKind.Text), ["TraceId"] = ("trace_id", LogFieldKind.Text),
        ["@span_id"] = ("span_id", LogFieldKind.Text), ["@sp"] = ("span_id", LogFieldKind.Text), ["span_id"] = ("span_id", LogFieldKind.Text), ["SpanId"] = ("span_id", LogFieldKind.Text),
        ["@request_id"] = ("request_id", LogFieldKind.Text), ["request_id"] = ("request_id", LogFieldKind.Text), ["RequestId"] = ("request_id", LogFieldKind.Text),
        ["@environment"] = ("environment", LogFieldKind.Text), ["environment"] = ("environment", LogFieldKind.Text), ["deployment.environment"] = ("environment", LogFieldKind.Text),
    };

    public static LogField Resolve(FieldPath path) =>
        Columns.TryGetValue(path.Name, out var column)
            ? new LogField(column.Column, null, column.Kind)
            : new LogField(null, path, LogFieldKind.Property);
}

public enum LogFieldKind
{
    Timestamp,
    Level,
    Text,
    Number,
    Property,
}
