using Vigil.Protocols.LogQuery;
using Vigil.Protocols.Logs;
using LogLevel = Vigil.Protocols.Logs.LogLevel;

namespace Vigil.Features.Logs.Blocks.Evaluation;

/// <summary>Reads one group-by key from an event and turns it into the cell a person reads: bins as
/// the time they start, levels by name (what ResultValues.Present did to the SQL's rows).</summary>
internal sealed class GroupKeyReader
{
    private readonly long _binWidth;
    private readonly EventField? _field;

    public GroupKeyReader(GroupKey key)
    {
        if (key.Bin is { } bin)
            _binWidth = (long)bin.TotalMilliseconds;
        else
            _field = EventField.Resolve(key.Field!);
        Column = key.Field?.Name ?? "time";
    }

    public string Column { get; }

    public bool IsBin => _field is null;

    public KeyPart Read(StoredLogEvent ev)
    {
        if (_field is null)
            // Integer division, as the SQL's (timestamp / width) * width; a zero width had no bins (NULL).
            return _binWidth > 0 ? KeyPart.Of(ev.Timestamp / _binWidth * _binWidth) : KeyPart.Null;
        if (_field.Kind is EventFieldKind.Level or EventFieldKind.Timestamp or EventFieldKind.Number)
            return _field.TryNumber(ev, out var number) ? KeyPart.Of(number.Long) : KeyPart.Null;
        return KeyPart.Of(_field.Text(ev));
    }

    public object? Present(KeyPart part)
    {
        if (part.IsNull)
            return null;
        if (_field is null)
            return DateTimeOffset.FromUnixTimeMilliseconds(part.Number);
        return _field.Kind switch
        {
            EventFieldKind.Level => LogLevels.Name((LogLevel)part.Number),
            EventFieldKind.Timestamp or EventFieldKind.Number => part.Number,
            _ => part.Text,
        };
    }
}
