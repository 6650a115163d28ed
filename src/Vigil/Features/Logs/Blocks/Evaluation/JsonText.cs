using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Vigil.Features.Logs.Blocks.Evaluation;

/// <summary>The text form of a property value, which every text comparison, pattern, group key and
/// distinct count reads: a string as itself, a number as its JSON text, booleans as true/false,
/// objects and arrays as their JSON text. JSON null has no text: callers treat it as missing.</summary>
internal static class JsonText
{
    /// <summary>Decodes into <paramref name="buffer"/> when it can, so comparing a string property
    /// allocates nothing; a string with escapes, or longer than the buffer, is read the usual way.</summary>
    public static ReadOnlySpan<char> Of(JsonElement value, Span<char> buffer)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var raw = JsonMarshal.GetRawUtf8Value(value);
                if (raw.Length >= 2 && raw[0] == (byte)'"')
                    raw = raw[1..^1];
                return raw.Length <= buffer.Length && raw.IndexOf((byte)'\\') < 0
                    ? buffer[..Encoding.UTF8.GetChars(raw, buffer)]
                    : value.GetString();
            case JsonValueKind.Number:
                var number = JsonMarshal.GetRawUtf8Value(value);
                return number.Length <= buffer.Length ? buffer[..Encoding.UTF8.GetChars(number, buffer)] : value.GetRawText();
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            default:
                return value.GetRawText();
        }
    }

    /// <summary>The same text as a string, for values that are kept (group keys, distinct values); null for JSON null.</summary>
    public static string? String(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };
}
