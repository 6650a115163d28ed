namespace Vigil.Protocols.LogQuery;

internal enum TokenKind
{
    Word,
    String,
    Operator,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Comma,
    Pipe,
    End,
}

/// <summary>A lexeme and where it starts. <see cref="Quote"/> is the quote character of a string.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Position, char Quote = '\0')
{
    public bool IsKeyword(string keyword) => Kind == TokenKind.Word && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    public string Describe() => Kind switch
    {
        TokenKind.End => "the end of the query",
        TokenKind.String => $"the string {Quote}{Text}{Quote}",
        _ => $"'{Text}'",
    };
}
