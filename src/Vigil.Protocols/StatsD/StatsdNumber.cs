using System.Globalization;

namespace Vigil.Protocols.StatsD;

/// <summary>
/// Reads a StatsD number. Nearly every value on the wire is a short plain decimal ("1", "320",
/// "0.1"); those are read digit by digit, which is exact (Clinger's fast path: an integer below
/// 2^53 divided by a power of ten up to 10^22 is correctly rounded, the same double the full parser
/// gives). Anything else (exponents, spaces, NaN, long mantissas) goes to <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider?, out double)"/>.
/// </summary>
public static class StatsdNumber
{
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    public static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        if (TryParsePlain(text, out value))
            return true;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryParsePlain(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (i < text.Length && text[i] is (byte)'+' or (byte)'-')
            negative = text[i++] == (byte)'-';
        long mantissa = 0;
        int digits = 0, fraction = 0;
        var afterPoint = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == (byte)'.' && !afterPoint)
            {
                afterPoint = true;
                continue;
            }
            var digit = (uint)(c - '0');
            if (digit > 9 || ++digits > 15) // 15 digits stay below 2^53
                return false;
            mantissa = mantissa * 10 + digit;
            if (afterPoint)
                fraction++;
        }
        if (digits == 0)
            return false;
        var magnitude = fraction == 0 ? mantissa : mantissa / PowersOfTen[fraction];
        value = negative ? -magnitude : magnitude;
        return true;
    }
}
