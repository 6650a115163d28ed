namespace Vigil.Features.Logs.Blocks.Evaluation;

/// <summary>Free text: the words of a word or "quoted phrase" occur one after another among the
/// event's searchable words (<see cref="EventWords"/>). The words are matched while they stream
/// past, with the Knuth–Morris–Pratt fallback table, so a scan never backs up and never allocates.</summary>
internal sealed class PhraseCondition : EventCondition
{
    private readonly string[] _words;

    /// <summary>After matching i + 1 words and then failing, how many are still matched.</summary>
    private readonly int[] _fallback;

    /// <param name="words">lower-cased, at least one (LogTokens.Split of the query's text)</param>
    public PhraseCondition(IReadOnlyList<string> words)
    {
        _words = [.. words];
        _fallback = new int[_words.Length];
        for (int i = 1, matched = 0; i < _words.Length; i++)
        {
            while (matched > 0 && _words[i] != _words[matched])
                matched = _fallback[matched - 1];
            if (_words[i] == _words[matched])
                matched++;
            _fallback[i] = matched;
        }
    }

    public override bool Matches(StoredLogEvent ev)
    {
        var sink = new Sink(_words, _fallback);
        return EventWords.Scan(ev, ref sink);
    }

    private struct Sink(string[] words, int[] fallback) : IWordSink
    {
        private int _matched;

        public bool Take(ReadOnlySpan<char> word)
        {
            while (true)
            {
                if (LowerCase.Equal(word, words[_matched]))
                    return ++_matched == words.Length;
                if (_matched == 0)
                    return false;
                _matched = fallback[_matched - 1];
            }
        }
    }
}
