using System.Globalization;
using Vigil.Protocols.LogQuery;
using Vigil.Protocols.Logs;

namespace Vigil.Features.Logs.Query;

/// <summary>Turns a parsed filter into a SQL condition over log_events. Every leaf is
/// <c>COALESCE(…, FALSE)</c>, so a missing property makes a comparison false and <c>not</c>
/// of it true, as a person expects (SQL's NULL would make both false).</summary>
public sealed class LogFilterCompiler(ILogSqlDialect dialect)
{
    public string Compile(QueryNode? node, SqlParameters parameters) => node switch
    {
        null => "TRUE",
        AndNode and => $"({Compile(and.Left, parameters)} AND {Compile(and.Right, parameters)})",
        OrNode or => $"({Compile(or.Left, parameters)} OR {Compile(or.Right, parameters)})",
        NotNode not => $"(NOT {Compile(not.Operand, parameters)})",
        TextNode text => Leaf(dialect.FullText(text.Text, parameters)),
        HasNode has => Has(has.Field, parameters),
        CompareNode compare => Leaf(Compare(LogField.Resolve(compare.Field), compare.Operator, compare.Value, parameters)),
        LikeNode like => Leaf(Like(LogField.Resolve(like.Field), like.Pattern, like.Negated, parameters)),
        InNode @in => In(@in, parameters),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private string Has(FieldPath path, SqlParameters parameters)
    {
        var field = LogField.Resolve(path);
        return field.Column is null ? Leaf(dialect.Has(path, parameters)) : $"({field.Column} IS NOT NULL)";
    }

    private string In(InNode node, SqlParameters parameters)
    {
        var field = LogField.Resolve(node.Field);
        var any = string.Join(" OR ", node.Values.Select(v => Leaf(Compare(field, CompareOperator.Equal, v, parameters))));
        return node.Negated ? $"(NOT ({any}))" : $"({any})";
    }

    private string Like(LogField field, string pattern, bool negated, SqlParameters parameters)
    {
        var text = field.Column ?? dialect.PropertyAsText(dialect.Property(field.Property!, parameters));
        var like = dialect.Like(text, parameters.Add(pattern));
        return negated ? $"(NOT COALESCE({like}, FALSE))" : like;
    }

    private string Compare(LogField field, CompareOperator op, Literal value, SqlParameters parameters)
    {
        var sqlOp = Operator(op);
        switch (field.Kind)
        {
            case LogFieldKind.Level:
                return $"(level {sqlOp} {parameters.Add(LevelNumber(value))})";
            case LogFieldKind.Timestamp:
                return $"(timestamp {sqlOp} {parameters.Add(TimestampMs(value))})";
            case LogFieldKind.Number:
                return value.Kind == LiteralKind.Null
                    ? NullCheck(field.Column!, op)
                    : $"({field.Column} {sqlOp} {parameters.Add(value.Number)})";
            case LogFieldKind.Text:
                return value.Kind == LiteralKind.Null
                    ? NullCheck(field.Column!, op)
                    : dialect.CompareText(field.Column!, sqlOp, parameters.Add(LiteralText(value)));
        }
        var property = dialect.Property(field.Property!, parameters);
        return value.Kind switch
        {
            LiteralKind.Null => NullCheck(property, op),
            LiteralKind.Number => $"({dialect.PropertyAsNumber(property)} {sqlOp} {parameters.Add(value.Number)})",
            LiteralKind.Boolean when op is CompareOperator.Equal or CompareOperator.NotEqual =>
                op == CompareOperator.Equal
                    ? dialect.PropertyEqualsBoolean(property, value.Number != 0, parameters)
                    : $"(NOT COALESCE({dialect.PropertyEqualsBoolean(property, value.Number != 0, parameters)}, FALSE))",
            _ => dialect.CompareText(dialect.PropertyAsText(property), sqlOp, parameters.Add(LiteralText(value))),
        };
    }

    private static string NullCheck(string expression, CompareOperator op) =>
        op == CompareOperator.NotEqual ? $"({expression} IS NOT NULL)" : $"({expression} IS NULL)";

    private static string Leaf(string condition) => $"COALESCE({condition}, FALSE)";

    private static string LiteralText(Literal value) =>
        value.Text ?? value.Number.ToString(CultureInfo.InvariantCulture);

    /// <summary>Level names (error, warn, Information …) or their numbers 0–5.</summary>
    private static int LevelNumber(Literal value) => value.Kind == LiteralKind.Number
        ? (int)value.Number
        : (int)(LogLevels.FromName(value.Text) ?? throw new LogQueryException($"'{value.Text}' is not a level: use trace, debug, info, warning, error or fatal"));

    private static long TimestampMs(Literal value) => value.Kind == LiteralKind.Number
        ? (long)value.Number
        : DateTimeOffset.TryParse(value.Text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUnixTimeMilliseconds()
            : throw new LogQueryException($"'{value.Text}' is not a time: use ISO 8601 such as 2026-11-21T10:00:00Z");

    private static string Operator(CompareOperator op) => op switch
    {
        CompareOperator.Equal => "=",
        CompareOperator.NotEqual => "<>",
        CompareOperator.Less => "<",
        CompareOperator.LessOrEqual => "<=",
        CompareOperator.Greater => ">",
        _ => ">=",
    };
}

/// <summary>A query that parsed but cannot run (a level or time that means nothing); shown like a syntax error.</summary>
public sealed class LogQueryException(string message) : Exception(message);
