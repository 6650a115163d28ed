namespace Vigil.Features.Logs.Blocks.Evaluation;

/// <summary>SQL LIKE compiled once: <c>%</c> any run of characters, <c>_</c> exactly one (a code
/// point, as SQLite counts), everything else literal and case-insensitive (<see cref="LowerCase"/>).
/// There is no escape character, as in SQLite (PostgreSQL's LIKE treats a backslash as one).</summary>
internal sealed class LikePattern
{
    private const int AnyRun = -1;
    private const int AnyOne = -2;

    /// <summary>Lowered code points and the two wildcards; runs of % are one.</summary>
    private readonly int[] _pattern;

    public LikePattern(string pattern)
    {
        var lowered = pattern.ToLowerInvariant();
        var parts = new List<int>(lowered.Length);
        for (var i = 0; i < lowered.Length;)
        {
            var c = LowerCase.Next(lowered, ref i);
            var part = c == '%' ? AnyRun : c == '_' ? AnyOne : c;
            if (part != AnyRun || parts.Count == 0 || parts[^1] != AnyRun)
                parts.Add(part);
        }
        _pattern = [.. parts];
    }

    /// <summary>Greedy matching that remembers only the last %: when a later part fails, that %
    /// takes one more character. Linear for the usual patterns, and never worse than quadratic.</summary>
    public bool Matches(ReadOnlySpan<char> text)
    {
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < _pattern.Length && _pattern[p] == AnyRun)
            {
                starP = p++;
                starT = t;
                continue;
            }
            if (p < _pattern.Length)
            {
                var next = t;
                var c = LowerCase.NextLowered(text, ref next);
                if (_pattern[p] == AnyOne || _pattern[p] == c)
                {
                    p++;
                    t = next;
                    continue;
                }
            }
            if (starP < 0)
                return false;
            p = starP + 1;
            LowerCase.Next(text, ref starT);
            t = starT;
        }
        while (p < _pattern.Length && _pattern[p] == AnyRun)
            p++;
        return p == _pattern.Length;
    }
}
