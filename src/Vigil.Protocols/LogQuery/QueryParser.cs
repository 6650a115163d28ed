using System.Globalization;

namespace Vigil.Protocols.LogQuery;

/// <summary>
/// Parses the log query language (docs/QUERY.md): a filter, then optionally <c>| aggregates by keys</c>.
/// <code>
/// query   := [or] ['|' call (',' call)* ['by' key (',' key)*]]
/// or      := and ('or' and)*
/// and     := unary (['and'] unary)*          adjacent terms are and-ed: timeout error
/// unary   := 'not' unary | '(' or ')' | has(field) | field op value
///          | field ['not'] like 'pattern' | field ['not'] in [v, …] | "phrase" | word
/// </code>
/// Never throws: errors come back with the character position they refer to.
/// </summary>
public sealed class QueryParser
{
    private readonly List<Token> _tokens;
    private int _index;

    private QueryParser(List<Token> tokens) => _tokens = tokens;

    public static QueryParseResult Parse(string? text)
    {
        var (tokens, lexError) = Lexer.Tokenize(text ?? "");
        if (lexError is not null)
            return new QueryParseResult(null, lexError);
        try
        {
            return new QueryParseResult(new QueryParser(tokens).ParseQuery(), null);
        }
        catch (SyntaxException error)
        {
            return new QueryParseResult(null, new ParseError(error.Message, error.Position));
        }
    }

    private Token Current => _tokens[_index];

    private Token Next() => _tokens[_index++];

    private Query ParseQuery()
    {
        QueryNode? filter = null;
        if (Current.Kind is not (TokenKind.Pipe or TokenKind.End))
            filter = ParseOr();
        Aggregation? aggregation = null;
        if (Current.Kind == TokenKind.Pipe)
        {
            Next();
            aggregation = AggregationParser.Parse(this);
        }
        if (Current.Kind != TokenKind.End)
            throw Unexpected(Current, Current.Kind == TokenKind.RightParen ? "this ')' has no matching '('" : "expected 'and', 'or' or '|'");
        return new Query(filter, aggregation);
    }

    private QueryNode ParseOr()
    {
        var left = ParseAnd();
        while (Current.IsKeyword("or"))
        {
            Next();
            left = new OrNode(left, ParseAnd());
        }
        return left;
    }

    private QueryNode ParseAnd()
    {
        var left = ParseUnary();
        while (true)
        {
            if (Current.IsKeyword("and"))
                Next();
            else if (Current.Kind is TokenKind.End or TokenKind.Pipe or TokenKind.RightParen || Current.IsKeyword("or"))
                return left;
            left = new AndNode(left, ParseUnary());
        }
    }

    private QueryNode ParseUnary()
    {
        var token = Current;
        if (token.IsKeyword("not"))
        {
            Next();
            return new NotNode(ParseUnary(), token.Position);
        }
        switch (token.Kind)
        {
            case TokenKind.LeftParen:
                Next();
                var inner = ParseOr();
                Expect(TokenKind.RightParen, "expected ')' to close the '(' at " + token.Position);
                return inner;
            case TokenKind.String:
                Next();
                return new TextNode(token.Text, true, token.Position);
            case TokenKind.Word when token.IsKeyword("has") && Peek(1).Kind == TokenKind.LeftParen:
                Next();
                Next();
                var field = ParseField("has() needs a property name");
                Expect(TokenKind.RightParen, "expected ')' after the property in has(…)");
                return new HasNode(field, token.Position);
            case TokenKind.Word when !IsReserved(token):
                return ParseWordTerm(token);
            default:
                throw Unexpected(token, "expected a word, a \"phrase\", a comparison, has(…), not or '('");
        }
    }

    /// <summary>A word is a field when an operator, like or in follows it; otherwise it is free text.</summary>
    private QueryNode ParseWordTerm(Token word)
    {
        var after = Peek(1);
        var negated = after.IsKeyword("not") && (Peek(2).IsKeyword("like") || Peek(2).IsKeyword("in"));
        var keyword = negated ? Peek(2) : after;
        if (after.Kind != TokenKind.Operator && !keyword.IsKeyword("like") && !keyword.IsKeyword("in"))
        {
            Next();
            return new TextNode(word.Text, false, word.Position);
        }
        var field = ParseField("expected a property name");
        if (after.Kind == TokenKind.Operator)
        {
            var op = Next();
            return new CompareNode(field, Operator(op.Text), ParseLiteral("after '" + op.Text + "'"), word.Position);
        }
        if (negated)
            Next();
        if (Next().IsKeyword("like"))
        {
            var pattern = Next();
            if (pattern.Kind != TokenKind.String)
                throw Unexpected(pattern, "like needs a quoted pattern such as '/api/%'");
            return new LikeNode(field, pattern.Text, negated, word.Position);
        }
        Expect(TokenKind.LeftBracket, "in needs a list such as [200, 204]");
        var values = new List<Literal> { ParseLiteral("in the list") };
        while (Current.Kind == TokenKind.Comma)
        {
            Next();
            values.Add(ParseLiteral("after ','"));
        }
        Expect(TokenKind.RightBracket, "expected ',' or ']' in the list");
        return new InNode(field, values, negated, word.Position);
    }

    internal FieldPath ParseField(string expectation)
    {
        var token = Current;
        if (token.Kind != TokenKind.Word || IsReserved(token))
            throw Unexpected(token, expectation);
        var segments = token.Text.Split('.');
        if (segments.Any(s => s.Length == 0))
            throw new SyntaxException($"'{token.Text}' is not a property name: a dot must sit between two names", token.Position);
        Next();
        return new FieldPath(segments);
    }

    private Literal ParseLiteral(string where)
    {
        var token = Next();
        if (token.Kind == TokenKind.String)
            return Literal.Of(token.Text);
        if (token.Kind != TokenKind.Word)
            throw Unexpected(token, "expected a value " + where);
        if (token.IsKeyword("true") || token.IsKeyword("false"))
            return Literal.Of(token.IsKeyword("true"));
        if (token.IsKeyword("null"))
            return Literal.Null;
        return double.TryParse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? Literal.Of(number)
            : Literal.Of(token.Text);
    }

    internal Token Peek(int offset) => _tokens[Math.Min(_index + offset, _tokens.Count - 1)];

    internal Token Take() => Next();

    internal Token CurrentToken => Current;

    internal void Expect(TokenKind kind, string message)
    {
        if (Current.Kind != kind)
            throw Unexpected(Current, message);
        Next();
    }

    internal static SyntaxException Unexpected(Token token, string expectation) =>
        new($"{char.ToUpperInvariant(expectation[0])}{expectation[1..]}, found {token.Describe()}", token.Position);

    private static bool IsReserved(Token token) =>
        token.IsKeyword("and") || token.IsKeyword("or") || token.IsKeyword("not") || token.IsKeyword("like") || token.IsKeyword("in");

    private static CompareOperator Operator(string text) => text switch
    {
        "=" or "==" => CompareOperator.Equal,
        "!=" or "<>" => CompareOperator.NotEqual,
        "<" => CompareOperator.Less,
        "<=" => CompareOperator.LessOrEqual,
        ">" => CompareOperator.Greater,
        _ => CompareOperator.GreaterOrEqual,
    };
}

internal sealed class SyntaxException(string message, int position) : Exception(message)
{
    public int Position { get; } = position;
}
