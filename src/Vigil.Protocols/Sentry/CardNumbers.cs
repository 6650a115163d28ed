using System.Text;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// Finds payment card numbers inside text: 13–19 digits, optionally grouped by single spaces or
/// dashes, passing the Luhn check, not glued to letters or digits (so hex ids and hashes are left
/// alone). A digit count pre-check lets the common case return without scanning.
/// </summary>
internal static class CardNumbers
{
    private const int MinDigits = 13;
    private const int MaxDigits = 19;

    /// <summary>Returns the text with each card number replaced, or null when there was none.</summary>
    public static string? Redact(string text, string replacement)
    {
        if (text.Length < MinDigits || CountDigits(text) < MinDigits)
        {
            return null;
        }
        StringBuilder? result = null;
        var copied = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiDigit(text[i]) || (i > 0 && char.IsAsciiLetterOrDigit(text[i - 1])))
            {
                i++;
                continue;
            }
            var end = ScanCandidate(text, i, out var isCard);
            if (isCard)
            {
                result ??= new StringBuilder(text.Length);
                result.Append(text, copied, i - copied).Append(replacement);
                copied = end;
            }
            i = Math.Max(end, i + 1);
        }
        return result?.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>False when UTF-8 text has too few digits to hold a card number (cheap pre-check on raw bytes).</summary>
    public static bool MayContainOne(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length < MinDigits)
        {
            return false;
        }
        var count = 0;
        foreach (var b in utf8)
        {
            count += (uint)(b - '0') <= 9 ? 1 : 0;
        }
        return count >= MinDigits;
    }

    private static int CountDigits(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            count += char.IsAsciiDigit(c) ? 1 : 0;
        }
        return count;
    }

    /// <summary>Reads digits and single separators from <paramref name="start"/>; returns the end.</summary>
    private static int ScanCandidate(string text, int start, out bool isCard)
    {
        Span<byte> digits = stackalloc byte[MaxDigits + 1];
        var count = 0;
        var i = start;
        var end = start;
        while (i < text.Length && count <= MaxDigits)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                digits[count++] = (byte)(c - '0');
                end = ++i;
            }
            else if ((c == ' ' || c == '-') && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
            {
                i++;
            }
            else
            {
                break;
            }
        }
        var glued = end < text.Length && char.IsAsciiLetterOrDigit(text[end]);
        isCard = count is >= MinDigits and <= MaxDigits && !glued && PassesLuhn(digits[..count]);
        return end;
    }

    public static bool PassesLuhn(ReadOnlySpan<byte> digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i];
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }
}
