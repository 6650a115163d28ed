using System.Text;

namespace Vigil.Protocols.LogQuery;

/// <summary>Splits a query into tokens. A word is any run of characters that are not white space,
/// quotes, brackets, commas, pipes or comparison characters, so <c>/api/orders</c> is one word.</summary>
internal static class Lexer
{
    private const string Special = "()[],|=!<>'\"";

    public static (List<Token> Tokens, ParseError? Error) Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            var start = i;
            switch (c)
            {
                case '(': tokens.Add(new(TokenKind.LeftParen, "(", i++)); continue;
                case ')': tokens.Add(new(TokenKind.RightParen, ")", i++)); continue;
                case '[': tokens.Add(new(TokenKind.LeftBracket, "[", i++)); continue;
                case ']': tokens.Add(new(TokenKind.RightBracket, "]", i++)); continue;
                case ',': tokens.Add(new(TokenKind.Comma, ",", i++)); continue;
                case '|': tokens.Add(new(TokenKind.Pipe, "|", i++)); continue;
                case '\'' or '"':
                    var (value, end, error) = ReadString(text, i);
                    if (error is not null)
                        return (tokens, error);
                    tokens.Add(new(TokenKind.String, value, start, c));
                    i = end;
                    continue;
                case '=' or '!' or '<' or '>':
                    var op = ReadOperator(text, i);
                    if (op is null)
                        return (tokens, new ParseError($"'{c}' is not an operator here: use = != < <= > >=", i));
                    tokens.Add(new(TokenKind.Operator, op, i));
                    i += op.Length;
                    continue;
            }
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && !Special.Contains(text[i]))
                i++;
            tokens.Add(new(TokenKind.Word, text[start..i], start));
        }
        tokens.Add(new(TokenKind.End, "", text.Length));
        return (tokens, null);
    }

    private static string? ReadOperator(string text, int i)
    {
        var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
        if (two is "==" or "!=" or "<=" or ">=" or "<>")
            return two;
        return text[i] is '=' or '<' or '>' ? text[i].ToString() : null;
    }

    /// <summary>A quoted string; the quote is escaped by doubling it or with a backslash.</summary>
    private static (string Value, int End, ParseError? Error) ReadString(string text, int start)
    {
        var quote = text[start];
        var value = new StringBuilder();
        var i = start + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                value.Append(text[i + 1]);
                i += 2;
                continue;
            }
            if (c == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    value.Append(quote);
                    i += 2;
                    continue;
                }
                return (value.ToString(), i + 1, null);
            }
            value.Append(c);
            i++;
        }
        return ("", i, new ParseError($"The string starting here is not closed: add a {quote}", start));
    }
}
