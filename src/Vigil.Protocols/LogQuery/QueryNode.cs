namespace Vigil.Protocols.LogQuery;

/// <summary>A filter expression of the log query language. Positions are character offsets into the query text.</summary>
public abstract record QueryNode(int Position);

public sealed record AndNode(QueryNode Left, QueryNode Right) : QueryNode(Left.Position);

public sealed record OrNode(QueryNode Left, QueryNode Right) : QueryNode(Left.Position);

public sealed record NotNode(QueryNode Operand, int At) : QueryNode(At);

/// <summary>Free text: a word or a "quoted phrase", matched case-insensitively against the message and exception.</summary>
public sealed record TextNode(string Text, bool IsPhrase, int At) : QueryNode(At);

/// <summary><c>field op value</c> with op one of = != &lt; &lt;= &gt; &gt;=; text comparisons ignore case.</summary>
public sealed record CompareNode(FieldPath Field, CompareOperator Operator, Literal Value, int At) : QueryNode(At);

/// <summary><c>field like 'pattern'</c> with % for any run of characters and _ for one; case-insensitive.</summary>
public sealed record LikeNode(FieldPath Field, string Pattern, bool Negated, int At) : QueryNode(At);

/// <summary><c>field in [v1, v2]</c>.</summary>
public sealed record InNode(FieldPath Field, IReadOnlyList<Literal> Values, bool Negated, int At) : QueryNode(At);

/// <summary><c>has(field)</c>: the property is present.</summary>
public sealed record HasNode(FieldPath Field, int At) : QueryNode(At);

public enum CompareOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>A property name, dotted for nesting: <c>http.request.method</c> is ["http", "request", "method"].</summary>
public sealed record FieldPath(IReadOnlyList<string> Segments)
{
    public string Name => string.Join('.', Segments);

    public override string ToString() => Name;
}

/// <summary>A constant: a string, a number, true/false or null.</summary>
public sealed record Literal(LiteralKind Kind, string? Text, double Number)
{
    public static Literal Of(string text) => new(LiteralKind.String, text, 0);
    public static Literal Of(double number) => new(LiteralKind.Number, null, number);
    public static Literal Of(bool value) => new(LiteralKind.Boolean, value ? "true" : "false", value ? 1 : 0);
    public static readonly Literal Null = new(LiteralKind.Null, null, 0);
}

public enum LiteralKind
{
    String,
    Number,
    Boolean,
    Null,
}
