using System.Globalization;
using System.Text.Json;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// Sentry timestamps arrive as epoch seconds (a float, sometimes a numeric string) or as
/// RFC 3339 text, with or without a zone (no zone means UTC, as Relay assumes).
/// </summary>
internal static class EventTimestamps
{
    // Year 1970..9999 in seconds; anything outside is garbage, not a date.
    private const double MaxEpochSeconds = 253402300799;

    public static bool TryRead(JsonElement e, out DateTimeOffset value)
    {
        value = default;
        switch (e.ValueKind)
        {
            case JsonValueKind.Number:
                return e.TryGetDouble(out var seconds) && TryFromEpoch(seconds, out value);
            case JsonValueKind.String:
                return TryParseText(e.GetString()!, out value);
            default:
                return false;
        }
    }

    public static bool TryParseText(string text, out DateTimeOffset value)
    {
        value = default;
        var s = text.AsSpan().Trim();
        if (s.Length == 0)
        {
            return false;
        }
        if (char.IsAsciiDigit(s[0]) && !s.Contains('-') && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return TryFromEpoch(seconds, out value);
        }
        return DateTimeOffset.TryParse(
            s, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    public static bool TryFromEpoch(double seconds, out DateTimeOffset value)
    {
        value = default;
        if (!double.IsFinite(seconds) || seconds < 0 || seconds > MaxEpochSeconds)
        {
            return false;
        }
        value = DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        return true;
    }

    /// <summary>Epoch seconds with microsecond precision, the canonical shape in the payload.</summary>
    public static double ToEpoch(DateTimeOffset value) =>
        Math.Round((value - DateTimeOffset.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond, 6);
}
