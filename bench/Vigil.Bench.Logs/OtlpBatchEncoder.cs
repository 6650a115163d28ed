namespace Vigil.Bench.Logs;

/// <summary>
/// Writes ExportLogsServiceRequest protobuf the way the OpenTelemetry .NET exporter does: one
/// ResourceLogs (service.name, host.name, deployment.environment) with one ScopeLogs, each
/// LogRecord carrying the formatted body, the template as <c>{OriginalFormat}</c>, and exceptions
/// as <c>exception.*</c> attributes. Field numbers from opentelemetry-proto logs.proto and common.proto.
/// </summary>
public sealed class OtlpBatchEncoder
{
    private readonly ProtoWriter _request = new();
    private readonly ProtoWriter _resourceLogs = new();
    private readonly ProtoWriter _resource = new();
    private readonly ProtoWriter _scopeLogs = new();
    private readonly ProtoWriter _scope = new();
    private readonly ProtoWriter _record = new();
    private readonly ProtoWriter _keyValue = new();
    private readonly ProtoWriter _anyValue = new();

    /// <summary>All <paramref name="events"/> share the first one's service and host (one exporter, one process).</summary>
    public byte[] Encode(IReadOnlyList<BenchEvent> events)
    {
        _resource.Reset();
        Attribute(_resource, 1, "service.name", events[0].Service);
        Attribute(_resource, 1, "host.name", events[0].Host);
        Attribute(_resource, 1, "deployment.environment", "production");
        _scope.Reset();
        _scope.StringField(1, "Shop.Web");
        _scopeLogs.Reset();
        _scopeLogs.MessageField(1, _scope);
        foreach (var e in events)
        {
            Record(e);
            _scopeLogs.MessageField(2, _record);
        }
        _resourceLogs.Reset();
        _resourceLogs.MessageField(1, _resource);
        _resourceLogs.MessageField(2, _scopeLogs);
        _request.Reset();
        _request.MessageField(1, _resourceLogs);
        return _request.ToArray();
    }

    private void Record(BenchEvent e)
    {
        var nanos = (ulong)e.TimestampMs * 1_000_000UL;
        _record.Reset();
        _record.Fixed64Field(1, nanos);
        _record.VarintField(2, (ulong)e.Level.Severity);
        _record.StringField(3, e.Level.Name);
        _anyValue.Reset();
        _anyValue.StringField(1, e.Message);
        _record.MessageField(5, _anyValue);
        Attribute(_record, 6, "{OriginalFormat}", e.Template);
        foreach (var (key, value) in e.Properties)
            Attribute(_record, 6, key, value);
        if (e.ExceptionType is not null)
        {
            Attribute(_record, 6, "exception.type", e.ExceptionType);
            Attribute(_record, 6, "exception.message", e.ExceptionMessage!);
            Attribute(_record, 6, "exception.stacktrace", e.ExceptionStack!);
        }
        _record.Fixed64Field(11, nanos);
    }

    private void Attribute(ProtoWriter target, int field, string key, object value)
    {
        _anyValue.Reset();
        switch (value)
        {
            case string s: _anyValue.StringField(1, s); break;
            case int i: _anyValue.VarintField(3, (ulong)(long)i); break;
            case long l: _anyValue.VarintField(3, (ulong)l); break;
            case double d: _anyValue.DoubleField(4, d); break;
            case bool b: _anyValue.VarintField(2, b ? 1UL : 0UL); break;
            default: throw new ArgumentException($"No AnyValue for {value.GetType()}");
        }
        _keyValue.Reset();
        _keyValue.StringField(1, key);
        _keyValue.MessageField(2, _anyValue);
        target.MessageField(field, _keyValue);
    }
}
