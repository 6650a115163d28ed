using System.Text;

namespace Vigil.Features.Logs.Blocks;

/// <summary>
/// Reads one block's lines in order and hands each event that may match to the caller. Before a
/// line is parsed, every required word (ASCII ones; see <see cref="LogFilter.RequiredWords"/>) must
/// occur in its bytes, ignoring case: most lines of a block a rare word's filter let through are
/// skipped at memory speed, and only candidates pay for parsing.
/// </summary>
public sealed class BlockScan
{
    private readonly byte[][] _lineWords;

    public BlockScan(IEnumerable<string> requiredWords)
    {
        // A word with a non-ASCII letter may be spelled in the line with different bytes after case
        // folding; it still prunes blocks through their filters, but lines are not pre-checked for it.
        _lineWords = requiredWords.Where(w => w.Length > 0 && Ascii.IsValid(w)).Distinct()
            .OrderByDescending(w => w.Length).Select(Encoding.ASCII.GetBytes).ToArray(); // longer words are rarer: searched first
    }

    /// <summary>Calls <paramref name="onEvent"/> for each line that may match, oldest line first;
    /// the event is valid only during the call. Returning false stops the scan.</summary>
    public void Each(long blockId, ReadOnlyMemory<byte> data, StoredLogEvent scratch, Func<StoredLogEvent, bool> onEvent)
    {
        if (_lineWords.Length > 0 && Ascii.IsValid(data.Span))
        {
            EachWithWord(blockId, data, scratch, onEvent);
            return;
        }
        var rest = data;
        var index = 0;
        while (rest.Length > 0)
        {
            var end = rest.Span.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
            var id = (blockId << 16) | (long)index++;
            if (!MayMatch(line.Span))
                continue;
            using var document = LogLine.Read(line, id, scratch);
            if (document is not null && !onEvent(scratch))
                return;
        }
    }

    /// <summary>An all-ASCII block with required words: the first word is searched for in the whole
    /// block at once, and only the lines it is found in are looked at further.</summary>
    private void EachWithWord(long blockId, ReadOnlyMemory<byte> data, StoredLogEvent scratch, Func<StoredLogEvent, bool> onEvent)
    {
        var span = data.Span;
        var word = _lineWords[0];
        var index = 0;      // the line number of `lineStart`
        var lineStart = 0;
        var from = 0;
        while (from <= span.Length - word.Length)
        {
            var hit = IndexOfIgnoreCase(span[from..], word);
            if (hit < 0)
                return;
            hit += from;
            var start = span[..hit].LastIndexOf((byte)'\n') + 1;
            index += span[lineStart..start].Count((byte)'\n');
            lineStart = start;
            var end = span[hit..].IndexOf((byte)'\n');
            end = end < 0 ? span.Length : hit + end;
            from = end + 1;
            var line = data[start..end];
            if (!MayMatch(line.Span))
                continue;
            using var document = LogLine.Read(line, (blockId << 16) | (long)index, scratch);
            if (document is not null && !onEvent(scratch))
                return;
        }
    }

    private bool MayMatch(ReadOnlySpan<byte> line)
    {
        if (_lineWords.Length == 0 || !Ascii.IsValid(line))
            return true;
        foreach (var word in _lineWords)
        {
            if (!ContainsIgnoreCase(line, word))
                return false;
        }
        return true;
    }

    private static bool ContainsIgnoreCase(ReadOnlySpan<byte> text, byte[] lowerWord) => IndexOfIgnoreCase(text, lowerWord) >= 0;

    /// <summary>Where <paramref name="text"/> holds <paramref name="lowerWord"/> (lower-case ASCII) in any case, or -1.</summary>
    private static int IndexOfIgnoreCase(ReadOnlySpan<byte> text, byte[] lowerWord)
    {
        var first = lowerWord[0];
        var upper = (byte)char.ToUpperInvariant((char)first);
        var rest = lowerWord.AsSpan(1);
        var offset = 0;
        while (offset <= text.Length - lowerWord.Length)
        {
            var found = first == upper ? text[offset..].IndexOf(first) : text[offset..].IndexOfAny(first, upper);
            if (found < 0)
                return -1;
            var at = offset + found;
            if (at + lowerWord.Length > text.Length)
                return -1;
            if (Ascii.EqualsIgnoreCase(text.Slice(at + 1, rest.Length), rest))
                return at;
            offset = at + 1;
        }
        return -1;
    }
}
