using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Vigil.Features.Logs.Blocks;

/// <summary>
/// The words of log text, as both the block token filters (at ingest) and the queries (free text,
/// equality pruning) see them: maximal runs of letters and digits, lower-cased (invariant). A
/// number property contributes the words of its JSON text and of its shortest round-trip form,
/// so <c>StatusCode = 503</c> finds 503 whether it was sent as <c>503</c> or <c>5.03e2</c>.
/// </summary>
public static class LogTokens
{
    /// <summary>The words of <paramref name="text"/>, in order (repeats kept).</summary>
    public static List<string> Split(string? text)
    {
        var words = new List<string>();
        Each(text, word => words.Add(word));
        return words;
    }

    /// <summary>Calls <paramref name="word"/> for each word of <paramref name="text"/>, in order.</summary>
    public static void Each(ReadOnlySpan<char> text, Action<string> word)
    {
        var position = 0;
        while (NextWord(text, ref position, out var range))
            word(text[range].ToString().ToLowerInvariant());
    }

    /// <summary>The next word of <paramref name="text"/> at or after <paramref name="position"/> (as it
    /// is written, not lower-cased); false when there is none. The one place that says what a word is.</summary>
    public static bool NextWord(ReadOnlySpan<char> text, ref int position, out Range word)
    {
        var start = position;
        while (start < text.Length && !IsWordChar(text[start]))
            start++;
        var end = start;
        while (end < text.Length && IsWordChar(text[end]))
            end++;
        position = end;
        word = start..end;
        return end > start;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || char.IsSurrogate(c);

    /// <summary>The words a number literal or number property value contributes.</summary>
    public static string NumberText(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Every value under <paramref name="element"/>: strings' words, numbers' words (both
    /// spellings), true/false; names are not words.</summary>
    public static void EachInValue(JsonElement element, Action<string> word)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    EachInValue(property.Value, word);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    EachInValue(item, word);
                break;
            case JsonValueKind.String:
                Each(element.GetString(), word);
                break;
            case JsonValueKind.Number:
                Each(element.GetRawText(), word);
                if (element.TryGetDouble(out var number))
                    Each(NumberText(number), word);
                break;
            case JsonValueKind.True:
                word("true");
                break;
            case JsonValueKind.False:
                word("false");
                break;
        }
    }

    private static void Each(string? text, Action<string> word)
    {
        if (text is not null)
            Each(text.AsSpan(), word);
    }
}
