using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

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
    private static readonly ulong True = Of("true"), False = Of("false");

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

    /// <summary>Adds the words of a stored line (see <see cref="LogLine"/>): its text fields and every
    /// value under its properties, as <see cref="LogTokens.EachInValue"/> reads them back, found in
    /// the line's own UTF-8. Time, level, template hash and process id are not words.</summary>
    public void AddLine(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var words = LogLine.HoldsWords(reader.ValueSpan);
            reader.Read();
            if (!words)
                reader.Skip();
            else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                AddValues(ref reader);
            else
                AddScalar(ref reader);
        }
    }

    /// <summary>Every scalar inside the object or array the reader is at; names are not words.</summary>
    private void AddValues(ref Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType is not (JsonTokenType.PropertyName or JsonTokenType.StartObject or JsonTokenType.StartArray
                or JsonTokenType.EndObject or JsonTokenType.EndArray))
                AddScalar(ref reader);
        }
    }

    private void AddScalar(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String when !reader.ValueIsEscaped:
                AddUtf8(reader.ValueSpan);
                break;
            case JsonTokenType.String:
                var rented = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
                AddUtf8(rented.AsSpan(0, reader.CopyString(rented)));
                ArrayPool<byte>.Shared.Return(rented);
                break;
            case JsonTokenType.Number:
                // As the line spells it, and in its shortest form too (a query's number is spelt that way).
                AddUtf8(reader.ValueSpan);
                Span<char> shortest = stackalloc char[32];
                if (reader.TryGetDouble(out var number) && number.TryFormat(shortest, out var written, "R", CultureInfo.InvariantCulture))
                    AddText(shortest[..written]);
                break;
            case JsonTokenType.True:
                Write(True);
                break;
            case JsonTokenType.False:
                Write(False);
                break;
        }
    }

    /// <summary>The words of UTF-8 text: ASCII hashed byte by byte, anything else through <see cref="AddText"/>.</summary>
    private void AddUtf8(ReadOnlySpan<byte> text)
    {
        if (!Ascii.IsValid(text))
        {
            var chars = ArrayPool<char>.Shared.Rent(text.Length);
            AddText(chars.AsSpan(0, Encoding.UTF8.GetChars(text, chars)));
            ArrayPool<char>.Shared.Return(chars);
            return;
        }
        var hash = Offset;
        var inWord = false;
        foreach (var b in text)
        {
            // An ASCII letter or digit: what LogTokens calls a word character, below 128.
            var lower = (byte)(b | 0x20);
            var letter = (uint)(lower - 'a') <= 'z' - 'a';
            if (letter || (uint)(b - '0') <= 9)
            {
                hash = (hash ^ (letter ? lower : b)) * Prime;
                inWord = true;
            }
            else if (inWord)
            {
                Write(hash);
                hash = Offset;
                inWord = false;
            }
        }
        if (inWord)
            Write(hash);
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
