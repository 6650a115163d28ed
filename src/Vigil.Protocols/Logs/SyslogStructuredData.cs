using System.Text;
using System.Text.Json.Nodes;

namespace Vigil.Protocols.Logs;

/// <summary>
/// RFC 5424 STRUCTURED-DATA: one or more <c>[SD-ID name="value" …]</c> elements, values escaping
/// <c>\" \\ \]</c>. Each element becomes an object keyed by its SD-ID; a repeated name keeps the last value.
/// </summary>
internal static class SyslogStructuredData
{
    public static ParseError? Read(string text, ref int pos, JsonObject target)
    {
        while (pos < text.Length && text[pos] == '[')
        {
            pos++;
            var idEnd = text.IndexOfAny([' ', ']'], pos);
            if (idEnd <= pos)
            {
                return new ParseError("structured data element without an SD-ID", pos);
            }
            var element = new JsonObject();
            target[text[pos..idEnd]] = element;
            pos = idEnd;
            while (pos < text.Length && text[pos] == ' ')
            {
                if (ReadParam(text, ref pos, element) is { } error)
                {
                    return error;
                }
            }
            if (pos >= text.Length || text[pos] != ']')
            {
                return new ParseError("structured data element is not closed with ']'", pos);
            }
            pos++;
        }
        return target.Count == 0 ? new ParseError("STRUCTURED-DATA must be '-' or start with '['", pos) : null;
    }

    private static ParseError? ReadParam(string text, ref int pos, JsonObject element)
    {
        pos++;
        var eq = text.IndexOf('=', pos);
        if (eq <= pos || eq + 1 >= text.Length || text[eq + 1] != '"')
        {
            return new ParseError("expected PARAM-NAME=\"value\" in structured data", pos);
        }
        var name = text[pos..eq];
        var value = new StringBuilder();
        pos = eq + 2;
        while (pos < text.Length && text[pos] != '"')
        {
            // Only \" \\ \] are escapes; any other backslash is literal (RFC 5424 §6.3.3).
            if (text[pos] == '\\' && pos + 1 < text.Length && text[pos + 1] is '"' or '\\' or ']')
            {
                pos++;
            }
            value.Append(text[pos]);
            pos++;
        }
        if (pos >= text.Length)
        {
            return new ParseError($"unterminated value for structured data parameter '{name}'", pos);
        }
        pos++;
        element[name] = value.ToString();
        return null;
    }
}
