using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Protocols.Logs;

/// <summary>Timestamp shapes log sources send: RFC 3339 text, epoch numbers of any unit, unix nanoseconds.</summary>
internal static class LogTimestamps
{
    public static DateTimeOffset FromUnixNanos(ulong nanos) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)(nanos / 100));

    public static bool TryParseText(string text, out DateTimeOffset value)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value))
        {
            return true;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && TryFromEpoch(number, out value);
    }

    /// <summary>
    /// An epoch number whose unit is guessed from its size: below 1e11 it is seconds (that is
    /// year 5138), below 1e14 milliseconds, below 1e17 microseconds, else nanoseconds. Loggers
    /// disagree (zap: float seconds, pino: millis, Go: nanos) and never label the unit.
    /// </summary>
    public static bool TryFromEpoch(double number, out DateTimeOffset value)
    {
        value = default;
        if (!double.IsFinite(number) || number < 0)
        {
            return false;
        }
        var ticks = number switch
        {
            < 1e11 => number * TimeSpan.TicksPerSecond,
            < 1e14 => number * TimeSpan.TicksPerMillisecond,
            < 1e17 => number * TimeSpan.TicksPerMicrosecond,
            _ => number / 100,
        };
        if (ticks > (DateTimeOffset.MaxValue - DateTimeOffset.UnixEpoch).Ticks)
        {
            return false;
        }
        value = DateTimeOffset.UnixEpoch.AddTicks((long)ticks);
        return true;
    }

    public static bool TryRead(JsonNode? node, out DateTimeOffset value)
    {
        value = default;
        return node is JsonValue v && v.GetValueKind() switch
        {
            JsonValueKind.String => TryParseText(v.GetValue<string>(), out value),
            JsonValueKind.Number => v.TryGetValue(out double d) && TryFromEpoch(d, out value),
            _ => false,
        };
    }
}
