using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.Protocols.Logs;

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

    // A line's hashes gather here and reach the sink in one write: the sink is an interface, and a
    // call per word through it cost more than the hashing.
    private ulong[] _found = new ulong[64];
    private int _count;

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
        AddWords(text);
        Flush();
    }

    private void AddWords(ReadOnlySpan<char> text)
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
        Flush();
    }

    /// <summary>Adds the words of an OTLP record read as a view, exactly as <see cref="AddLine"/> would
    /// find them in the line <see cref="LogLine.Write(Utf8JsonWriter, in OtlpLogView)"/> writes for it,
    /// but from the record's own UTF-8 rather than by reading the line back. False, adding nothing,
    /// for the records whose line holds a value spelt some other way (a resource object, a double
    /// with an exponent): read their line.</summary>
    public bool TryAddView(in OtlpLogView record)
    {
        if (record.Resource is not null)
            return false;
        Span<byte> number = stackalloc byte[32];
        foreach (ref readonly var attribute in record.Properties)
        {
            if (attribute.Kind == OtlpValueKind.Double && (!attribute.Number.TryFormat(number, out var written, "R", CultureInfo.InvariantCulture)
                || number[..written].IndexOfAny((byte)'e', (byte)'E') >= 0))
                return false;
        }
        // The line's order: m s ho tr sp r e i, then the properties.
        AddUtf8(record.Message);
        AddUtf8(record.Service);
        AddUtf8(record.Host);
        AddUtf8(record.TraceId);
        AddUtf8(record.SpanId);
        AddUtf8(record.RequestId);
        AddUtf8(record.Environment);
        AddUtf8(record.EventName);
        foreach (ref readonly var attribute in record.Properties)
        {
            switch (attribute.Kind)
            {
                case OtlpValueKind.String:
                    AddUtf8(record.Text(attribute));
                    break;
                case OtlpValueKind.Bool:
                    Write(attribute.Integer != 0 ? True : False);
                    break;
                case OtlpValueKind.Int:
                    attribute.Integer.TryFormat(number, out var digits, default, CultureInfo.InvariantCulture);
                    AddNumber(number[..digits], attribute.Integer);
                    break;
                default:
                    attribute.Number.TryFormat(number, out var written, "R", CultureInfo.InvariantCulture);
                    AddNumber(number[..written], attribute.Number);
                    break;
            }
        }
        if (record.Scope is not null)
            AddWords(record.Scope);
        Flush();
        return true;
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
                if (reader.TryGetDouble(out var number))
                    AddNumber(reader.ValueSpan, number);
                else
                    AddUtf8(reader.ValueSpan);
                break;
            case JsonTokenType.True:
                Write(True);
                break;
            case JsonTokenType.False:
                Write(False);
                break;
        }
    }

    /// <summary>The words of UTF-8 text: ASCII hashed byte by byte, anything else as text (see <see cref="AddText"/>).</summary>
    private void AddUtf8(ReadOnlySpan<byte> text)
    {
        if (!Ascii.IsValid(text))
        {
            var chars = ArrayPool<char>.Shared.Rent(text.Length);
            AddWords(chars.AsSpan(0, Encoding.UTF8.GetChars(text, chars)));
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

    /// <summary>A number's words: as it is spelt, and in its shortest form too (a query's number is spelt that way).</summary>
    private void AddNumber(ReadOnlySpan<byte> text, double value)
    {
        AddUtf8(text);
        Span<char> shortest = stackalloc char[32];
        if (!IsShortest(text) && value.TryFormat(shortest, out var written, "R", CultureInfo.InvariantCulture))
            AddWords(shortest[..written]);
    }

    /// <summary>Whether a JSON number is already spelt as its double's "R" form, so its words are
    /// the same: up to 15 significant digits, no exponent, at least 1 in size unless it is 0, and
    /// no trailing zero after the point (12, -7, 12.5, 0; not 12.50, 0.5, 1e3).</summary>
    internal static bool IsShortest(ReadOnlySpan<byte> number)
    {
        var digits = number.Length > 0 && number[0] == '-' ? number[1..] : number;
        var point = digits.IndexOf((byte)'.');
        var whole = point < 0 ? digits : digits[..point];
        var fraction = point < 0 ? [] : digits[(point + 1)..];
        return whole.Length > 0 && whole.Length + fraction.Length <= 15
            && !whole.ContainsAnyExceptInRange((byte)'0', (byte)'9') && !fraction.ContainsAnyExceptInRange((byte)'0', (byte)'9')
            && (point < 0 || (fraction.Length > 0 && fraction[^1] != '0' && whole[0] != '0'));
    }

    private void Write(ulong hash)
    {
        if (_count == _found.Length)
            Array.Resize(ref _found, _found.Length * 2);
        _found[_count++] = hash;
    }

    private void Flush()
    {
        sink.Write(_found.AsSpan(0, _count));
        _count = 0;
    }
}
