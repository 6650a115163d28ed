using System.Globalization;
using System.Text.Json;
using Vigil.Protocols.LogQuery;

namespace Vigil.Features.Logs.Blocks.Evaluation;

/// <summary>What a name in a query reads from a <see cref="StoredLogEvent"/>: one of the columns
/// every event has, by its aliases (docs/QUERY.md), or else a property.</summary>
internal sealed class EventField
{
    private enum Column
    {
        Timestamp,
        Level,
        Message,
        Template,
        Exception,
        Service,
        Host,
        Pid,
        TraceId,
        SpanId,
        RequestId,
        Environment,
        Property,
    }

    private static readonly Dictionary<string, Column> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@timestamp"] = Column.Timestamp, ["@t"] = Column.Timestamp, ["timestamp"] = Column.Timestamp,
        ["@level"] = Column.Level, ["@l"] = Column.Level, ["level"] = Column.Level, ["severity"] = Column.Level,
        ["@message"] = Column.Message, ["@m"] = Column.Message, ["message"] = Column.Message, ["msg"] = Column.Message,
        ["@template"] = Column.Template, ["@mt"] = Column.Template,
        ["@exception"] = Column.Exception, ["@x"] = Column.Exception, ["exception"] = Column.Exception,
        ["@service"] = Column.Service, ["service"] = Column.Service, ["service.name"] = Column.Service,
        ["@host"] = Column.Host, ["host"] = Column.Host, ["host.name"] = Column.Host,
        ["@pid"] = Column.Pid, ["pid"] = Column.Pid, ["process.pid"] = Column.Pid, ["ProcessId"] = Column.Pid,
        ["@trace_id"] = Column.TraceId, ["@tr"] = Column.TraceId, ["trace_id"] = Column.TraceId, ["TraceId"] = Column.TraceId,
        ["@span_id"] = Column.SpanId, ["@sp"] = Column.SpanId, ["span_id"] = Column.SpanId, ["SpanId"] = Column.SpanId,
        ["@request_id"] = Column.RequestId, ["request_id"] = Column.RequestId, ["RequestId"] = Column.RequestId,
        ["@environment"] = Column.Environment, ["environment"] = Column.Environment, ["deployment.environment"] = Column.Environment,
    };

    private readonly Column _column;
    private readonly PropertyPath? _property;

    private EventField(Column column, PropertyPath? property)
    {
        _column = column;
        _property = property;
    }

    public static EventField Resolve(FieldPath path) =>
        Aliases.TryGetValue(path.Name, out var column) ? new EventField(column, null) : new EventField(Column.Property, new PropertyPath(path));

    public EventFieldKind Kind => _column switch
    {
        Column.Timestamp => EventFieldKind.Timestamp,
        Column.Level => EventFieldKind.Level,
        Column.Pid => EventFieldKind.Number,
        Column.Property => EventFieldKind.Property,
        _ => EventFieldKind.Text,
    };

    /// <summary>The block token filters hold the words of this text column: all of them but the
    /// template, which is stored once per project rather than with the event.</summary>
    public bool IsTemplate => _column == Column.Template;

    public bool WordsAreIndexed => Kind == EventFieldKind.Text && _column != Column.Template;

    /// <summary>has(field): a column is not null; a property key is present, even holding JSON null.</summary>
    public bool Has(StoredLogEvent ev) => _column switch
    {
        Column.Timestamp or Column.Level or Column.Message => true,
        Column.Pid => ev.Pid is not null,
        Column.Property => _property!.TryFind(ev.Properties, out _),
        _ => TextColumn(ev) is not null,
    };

    /// <summary>The field has a value: a column is not null; a property is present and not JSON null.</summary>
    public bool HasValue(StoredLogEvent ev) => _column == Column.Property
        ? TryProperty(ev, out _)
        : Has(ev);

    /// <summary>The property's value when present and not JSON null.</summary>
    public bool TryProperty(StoredLogEvent ev, out JsonElement value) =>
        _property!.TryFind(ev.Properties, out value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>The field as a number: level, timestamp and pid, or a property holding a JSON number
    /// (the text "503" is not a number). Text columns have none.</summary>
    public bool TryNumber(StoredLogEvent ev, out NumberValue value)
    {
        switch (_column)
        {
            case Column.Timestamp:
                value = NumberValue.Of(ev.Timestamp);
                return true;
            case Column.Level:
                value = NumberValue.Of((long)ev.Level);
                return true;
            case Column.Pid when ev.Pid is { } pid:
                value = NumberValue.Of(pid);
                return true;
            case Column.Property when TryProperty(ev, out var json) && json.ValueKind == JsonValueKind.Number:
                // An integer literal stays an integer (SQLite's json_extract); 5.0 and 5e2 are reals.
                if (json.TryGetInt64(out var integer))
                {
                    value = NumberValue.Of(integer);
                    return true;
                }
                if (json.TryGetDouble(out var real))
                {
                    value = NumberValue.Of(real);
                    return true;
                }
                break;
        }
        value = default;
        return false;
    }

    /// <summary>The field's text form (numbers of the numeric columns in decimal, properties by
    /// <see cref="JsonText"/>), written into <paramref name="buffer"/> when it has to be made.</summary>
    public bool TryText(StoredLogEvent ev, Span<char> buffer, out ReadOnlySpan<char> text)
    {
        switch (_column)
        {
            case Column.Property:
                if (TryProperty(ev, out var json))
                {
                    text = JsonText.Of(json, buffer);
                    return true;
                }
                break;
            case Column.Timestamp or Column.Level or Column.Pid:
                if (TryNumber(ev, out var number) && number.Long.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture))
                {
                    text = buffer[..written];
                    return true;
                }
                break;
            default:
                if (TextColumn(ev) is { } column)
                {
                    text = column;
                    return true;
                }
                break;
        }
        text = default;
        return false;
    }

    /// <summary>The text form as a string, for values that are kept; null when the field has no value.</summary>
    public string? Text(StoredLogEvent ev) => _column switch
    {
        Column.Property => TryProperty(ev, out var json) ? JsonText.String(json) : null,
        Column.Timestamp or Column.Level or Column.Pid => TryNumber(ev, out var number) ? number.Long.ToString(CultureInfo.InvariantCulture) : null,
        _ => TextColumn(ev),
    };

    private string? TextColumn(StoredLogEvent ev) => _column switch
    {
        Column.Message => ev.Message,
        Column.Template => ev.Template,
        Column.Exception => ev.Exception,
        Column.Service => ev.Service,
        Column.Host => ev.Host,
        Column.TraceId => ev.TraceId,
        Column.SpanId => ev.SpanId,
        Column.RequestId => ev.RequestId,
        Column.Environment => ev.Environment,
        _ => null,
    };
}
