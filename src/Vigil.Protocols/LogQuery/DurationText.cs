using System.Globalization;

namespace Vigil.Protocols.LogQuery;

/// <summary>Durations as people type them in queries and flags: 250ms, 30s, 15m, 1h, 7d.</summary>
public static class DurationText
{
    /// <summary>A positive TimeSpan, or null when <paramref name="text"/> is not a duration.</summary>
    public static TimeSpan? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        text = text.Trim();
        var unitStart = 0;
        while (unitStart < text.Length && (char.IsDigit(text[unitStart]) || text[unitStart] == '.'))
            unitStart++;
        if (unitStart == 0 || !double.TryParse(text[..unitStart], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
            return null;
        return text[unitStart..].ToLowerInvariant() switch
        {
            "ms" => TimeSpan.FromMilliseconds(amount),
            "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            "d" => TimeSpan.FromDays(amount),
            _ => null,
        };
    }
}
