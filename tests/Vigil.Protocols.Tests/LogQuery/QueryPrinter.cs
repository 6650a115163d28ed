using System.Globalization;
using Vigil.Protocols.LogQuery;

namespace Vigil.Protocols.Tests.LogQuery;

/// <summary>Prints a parsed filter as an s-expression, so tests read the tree at a glance.</summary>
internal static class QueryPrinter
{
    public static string Print(QueryNode? node) => node switch
    {
        null => "*",
        AndNode and => $"(and {Print(and.Left)} {Print(and.Right)})",
        OrNode or => $"(or {Print(or.Left)} {Print(or.Right)})",
        NotNode not => $"(not {Print(not.Operand)})",
        TextNode text => text.IsPhrase ? $"(phrase \"{text.Text}\")" : $"(text {text.Text})",
        CompareNode compare => $"({compare.Operator} {compare.Field} {Print(compare.Value)})",
        LikeNode like => $"({(like.Negated ? "not-like" : "like")} {like.Field} '{like.Pattern}')",
        InNode @in => $"({(@in.Negated ? "not-in" : "in")} {@in.Field} [{string.Join(" ", @in.Values.Select(Print))}])",
        HasNode has => $"(has {has.Field})",
        _ => "?",
    };

    private static string Print(Literal literal) => literal.Kind switch
    {
        LiteralKind.String => $"'{literal.Text}'",
        LiteralKind.Number => literal.Number.ToString(CultureInfo.InvariantCulture),
        LiteralKind.Null => "null",
        _ => literal.Text!,
    };
}
