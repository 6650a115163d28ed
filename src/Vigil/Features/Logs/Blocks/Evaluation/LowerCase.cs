using System.Text;

namespace Vigil.Features.Logs.Blocks.Evaluation;

/// <summary>Case-insensitive text as the queries compare it: both sides lower-cased (invariant, by
/// code point, exactly as <see cref="string.ToLowerInvariant()"/> does, so a comparison and the word
/// rules of <see cref="LogTokens"/> always agree) and then compared by code point. The literal side
/// is lowered once at compile; the event side is lowered as it is read, without a copy.</summary>
/// <remarks>SQLite's NOCASE and LIKE fold ASCII only, PostgreSQL's lower()/ILIKE fold all of
/// Unicode; we fold all of Unicode. Lower-casing rather than upper-casing (OrdinalIgnoreCase) keeps
/// SQLite's order for the characters between Z and a: '_' sorts before letters.</remarks>
internal static class LowerCase
{
    /// <summary>The sign of <paramref name="text"/> (lowered as read) against <paramref name="lowered"/>.</summary>
    public static int Compare(ReadOnlySpan<char> text, ReadOnlySpan<char> lowered)
    {
        int i = 0, j = 0;
        while (i < text.Length && j < lowered.Length)
        {
            var a = NextLowered(text, ref i);
            var b = Next(lowered, ref j);
            if (a != b)
                return a < b ? -1 : 1;
        }
        return (i < text.Length ? 1 : 0) - (j < lowered.Length ? 1 : 0);
    }

    /// <summary>Lower-casing keeps the length in UTF-16 units, so unequal lengths never match.</summary>
    public static bool Equal(ReadOnlySpan<char> text, ReadOnlySpan<char> lowered) =>
        text.Length == lowered.Length && Compare(text, lowered) == 0;

    /// <summary>The next code point of <paramref name="text"/>, lowered; a lone surrogate stands for itself.</summary>
    public static int NextLowered(ReadOnlySpan<char> text, ref int index)
    {
        var c = text[index++];
        if (char.IsHighSurrogate(c) && index < text.Length && char.IsLowSurrogate(text[index]))
            return Rune.ToLowerInvariant(new Rune(c, text[index++])).Value;
        return char.ToLowerInvariant(c);
    }

    public static int Next(ReadOnlySpan<char> text, ref int index)
    {
        var c = text[index++];
        if (char.IsHighSurrogate(c) && index < text.Length && char.IsLowSurrogate(text[index]))
            return char.ConvertToUtf32(c, text[index++]);
        return c;
    }
}
