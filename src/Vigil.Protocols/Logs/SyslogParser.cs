using System.Globalization;
using System.Text;

namespace Vigil.Protocols.Logs;

/// <summary>
/// One syslog message (a UDP datagram or one de-framed TCP message), RFC 5424 or RFC 3164,
/// told apart by the version digit after PRI. Severity maps to a level per
/// <see cref="LogLevels.FromSyslogSeverity"/>; facility, APP-NAME, MSGID and structured data
/// become properties; the sender's address stands in for a missing HOSTNAME.
/// </summary>
public static class SyslogParser
{
    // RFC 3164 §4.3.3: a relay that gets no PRI treats the message as user.notice.
    private const int DefaultPriority = 13;

    public static (LogRecord? Record, ParseError? Error) Parse(ReadOnlySpan<byte> message, DateTimeOffset receivedAt, string? senderHost)
    {
        // Invalid UTF-8 in MSG becomes U+FFFD: syslog senders often pass bytes through unchecked.
        var text = Encoding.UTF8.GetString(message).TrimEnd('\n', '\r', '\0');
        var pos = SkipOctetCount(text);
        if (pos >= text.Length)
        {
            return (null, new ParseError("empty syslog message", pos));
        }
        var priority = DefaultPriority;
        if (text[pos] == '<' && !TryReadPriority(text, ref pos, out priority))
        {
            return (null, new ParseError("invalid PRI: expected <0> to <191>", pos));
        }
        var record = new LogRecordBuilder
        {
            Timestamp = receivedAt,
            Level = LogLevels.FromSyslogSeverity(priority & 7),
            Host = senderHost,
        };
        record.Properties["facility"] = SyslogFacilities.Name(priority >> 3);
        var isRfc5424 = pos + 1 < text.Length && text[pos] is >= '1' and <= '9' && text[pos + 1] == ' ';
        var error = isRfc5424
            ? Rfc5424Reader.Read(text, pos + 2, record)
            : Rfc3164Reader.Read(text, pos, record, receivedAt);
        return error is null ? (record.Build(), null) : (null, error);
    }

    private static bool TryReadPriority(string text, ref int pos, out int priority)
    {
        priority = 0;
        var close = text.IndexOf('>', pos);
        if (close < pos + 2 || close > pos + 4
            || !int.TryParse(text.AsSpan(pos + 1, close - pos - 1), NumberStyles.None, CultureInfo.InvariantCulture, out priority)
            || priority > 191)
        {
            return false;
        }
        pos = close + 1;
        return true;
    }

    /// <summary>
    /// RFC 6587 octet counting ("107 &lt;189&gt;1 …") is TCP framing the edge normally strips;
    /// tolerating it here means a message passed on whole still parses.
    /// </summary>
    private static int SkipOctetCount(string text)
    {
        var space = text.IndexOf(' ');
        if (space <= 0 || space > 9 || space + 1 >= text.Length || text[space + 1] != '<')
        {
            return 0;
        }
        for (var i = 0; i < space; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return 0;
            }
        }
        return space + 1;
    }
}
