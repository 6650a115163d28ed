using System.Globalization;

namespace Vigil.Protocols.Logs;

/// <summary>
/// BSD syslog (RFC 3164) after PRI: "Mmm dd hh:mm:ss HOSTNAME TAG[pid]: MSG". Everything is
/// optional in practice, so each part is taken only when it looks right and the rest is the
/// message. The timestamp has no year or zone: we use the receive year (the previous one when
/// that would put it more than a day in the future) and assume UTC.
/// </summary>
internal static class Rfc3164Reader
{
    private const int ClassicTimestampLength = 15; // "Nov 22 00:27:42"

    public static ParseError? Read(string text, int pos, LogRecordBuilder record, DateTimeOffset receivedAt)
    {
        if (TryClassicTimestamp(text, pos, receivedAt, out var time))
        {
            record.Timestamp = time;
            pos += ClassicTimestampLength + 1;
            pos = ReadHostname(text, pos, record);
        }
        else if (TryIsoTimestamp(text, ref pos, out time))
        {
            // rsyslog's RFC3339 variant of the BSD format.
            record.Timestamp = time;
            pos = ReadHostname(text, pos, record);
        }
        pos = ReadTag(text, pos, record);
        record.Message = pos < text.Length ? text[pos..] : "";
        return null;
    }

    private static bool TryClassicTimestamp(string text, int pos, DateTimeOffset receivedAt, out DateTimeOffset time)
    {
        time = default;
        if (text.Length < pos + ClassicTimestampLength + 1 || text[pos + ClassicTimestampLength] != ' '
            || !DateTime.TryParseExact(text.AsSpan(pos, ClassicTimestampLength), "MMM d HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AllowInnerWhite, out var parsed))
        {
            return false;
        }
        var year = receivedAt.UtcDateTime.Year;
        time = new DateTimeOffset(year, parsed.Month, Math.Min(parsed.Day, DateTime.DaysInMonth(year, parsed.Month)),
            parsed.Hour, parsed.Minute, parsed.Second, TimeSpan.Zero);
        if (time > receivedAt.AddDays(1))
        {
            time = time.AddYears(-1);
        }
        return true;
    }

    private static bool TryIsoTimestamp(string text, ref int pos, out DateTimeOffset time)
    {
        time = default;
        var space = text.IndexOf(' ', pos);
        if (space < pos + 10 || !char.IsAsciiDigit(text[pos]) || text[pos + 4] != '-'
            || !DateTimeOffset.TryParse(text.AsSpan(pos, space - pos), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out time))
        {
            return false;
        }
        pos = space + 1;
        return true;
    }

    /// <summary>Local senders (/dev/log) leave HOSTNAME out, so a token that looks like a TAG is not taken as one.</summary>
    private static int ReadHostname(string text, int pos, LogRecordBuilder record)
    {
        var space = text.IndexOf(' ', pos);
        if (space <= pos || text.AsSpan(pos, space - pos).IndexOfAny(":[") >= 0)
        {
            return pos;
        }
        record.Host = text[pos..space];
        return space + 1;
    }

    private static int ReadTag(string text, int pos, LogRecordBuilder record)
    {
        var end = text.AsSpan(pos).IndexOfAny(":[ ");
        if (end <= 0)
        {
            return pos;
        }
        var tag = text.Substring(pos, end);
        var next = pos + end;
        int? pid = null;
        if (text[next] == '[')
        {
            var close = text.IndexOf(']', next);
            if (close < 0)
            {
                return pos;
            }
            pid = int.TryParse(text.AsSpan(next + 1, close - next - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
            next = close + 1;
        }
        // Without the colon this was the first word of the message, not a tag.
        if (next >= text.Length || text[next] != ':')
        {
            return pos;
        }
        record.Service = tag;
        record.Properties["appname"] = tag;
        record.ProcessId = pid;
        next++;
        return next < text.Length && text[next] == ' ' ? next + 1 : next;
    }
}
