using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Features.Logs.Blocks;

/// <summary>
/// Hashes the words of an event for its block's <see cref="BlockFilter"/>: 64-bit FNV-1a of the
/// lower-cased word's UTF-8, written to <paramref name="sink"/> as found (repeats included; the
/// block keeps the distinct ones). The words are <see cref="LogTokens"/>' words, found and hashed in
/// place: ingest allocates no string per word. <see cref="Of"/> hashes a query's word the same way.
/// </summary>
public sealed class WordHashes(IBufferWriter<ulong> sink)
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>The hash of one word, already lower-case (as <see cref="LogTokens"/> gives them).</summary>
    public static ulong Of(string word)
    {
        var hash = Offset;
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in word.EnumerateRunes())
        {
            var length = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < length; i++)
                hash = (hash ^ utf8[i]) * Prime;
        }
        return hash;
    }

    /// <summary>Adds the words of <paramref name="text"/>.</summary>
    public void AddText(ReadOnlySpan<char> text)
    {
        var position = 0;
        while (LogTokens.NextWord(text, ref position, out var word))
            AddWord(text[word]);
    }

    /// <summary>Adds the words of every value under <paramref name="node"/> (as <see cref="LogTokens.EachInValue"/> reads them back).</summary>
    public void AddNode(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                    AddNode(child);
                break;
            case JsonArray array:
                foreach (var child in array)
                    AddNode(child);
                break;
            case JsonValue value:
                AddValue(value);
                break;
        }
    }

    private void AddValue(JsonValue value)
    {
        Span<char> digits = stackalloc char[32];
        if (value.TryGetValue<string>(out var text))
            AddText(text);
        else if (value.TryGetValue<long>(out var integer) && integer.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture))
            AddText(digits[..written]);
        else if (value.TryGetValue<bool>(out var flag))
            AddWord(flag ? "true" : "false");
        else
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.String:
                    AddText(value.GetValue<string>());
                    break;
                case JsonValueKind.Number:
                    // As the line spells it, and in its shortest form too (a query's number is spelt that way).
                    var raw = LogLine.NumberText(value);
                    AddText(raw);
                    if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                        AddText(LogTokens.NumberText(parsed));
                    break;
                case JsonValueKind.True:
                    AddWord("true");
                    break;
                case JsonValueKind.False:
                    AddWord("false");
                    break;
            }
        }
    }

    private void AddWord(ReadOnlySpan<char> word)
    {
        var hash = Offset;
        foreach (var c in word)
        {
            if (c >= 128)
            {
                Write(Of(word.ToString().ToLowerInvariant()));
                return;
            }
            hash = (hash ^ (byte)(c is >= 'A' and <= 'Z' ? c + 32 : c)) * Prime;
        }
        Write(hash);
    }

    private void Write(ulong hash)
    {
        sink.GetSpan(1)[0] = hash;
        sink.Advance(1);
    }
}
