using System.Text;

namespace Vigil.Features.Logs.Ingest;

/// <summary>Splits a syslog TCP stream into messages: RFC 6587 octet counting ("123 &lt;34&gt;1 …")
/// when a frame starts with digits and a space, otherwise one message per line.</summary>
public sealed class SyslogTcpFramer
{
    private const int MaxMessage = 64 * 1024;
    private readonly List<byte> _pending = [];

    public IEnumerable<byte[]> Push(ReadOnlySpan<byte> data)
    {
        _pending.AddRange(data.ToArray());
        var messages = new List<byte[]>();
        while (_pending.Count > 0)
        {
            var message = Next();
            if (message is null)
                break;
            if (message.Length > 0)
                messages.Add(message);
        }
        if (_pending.Count > MaxMessage)
        {
            messages.Add(_pending.ToArray());
            _pending.Clear();
        }
        return messages;
    }

    public IEnumerable<byte[]> Flush()
    {
        var rest = _pending.ToArray();
        _pending.Clear();
        return rest.Length == 0 ? [] : [rest];
    }

    private byte[]? Next()
    {
        var digits = 0;
        while (digits < _pending.Count && digits < 7 && _pending[digits] is >= (byte)'0' and <= (byte)'9')
            digits++;
        if (digits > 0 && digits < _pending.Count && _pending[digits] == (byte)' ')
        {
            var length = int.Parse(Encoding.ASCII.GetString(_pending.GetRange(0, digits).ToArray()));
            if (_pending.Count < digits + 1 + length)
                return null;
            var framed = _pending.GetRange(digits + 1, length).ToArray();
            _pending.RemoveRange(0, digits + 1 + length);
            return framed;
        }
        var newline = _pending.IndexOf((byte)'\n');
        if (newline < 0)
            return null;
        var line = _pending.GetRange(0, newline).ToArray();
        _pending.RemoveRange(0, newline + 1);
        return line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
    }
}
