using System.Globalization;

namespace Vigil.Protocols.LogQuery;

/// <summary>The part after the pipe: <c>count(), p95(x) by Field, bin(5m)</c>.</summary>
internal static class AggregationParser
{
    public static Aggregation Parse(QueryParser parser)
    {
        var calls = new List<AggregateCall> { ParseCall(parser) };
        while (parser.CurrentToken.Kind == TokenKind.Comma)
        {
            parser.Take();
            calls.Add(ParseCall(parser));
        }
        var keys = new List<GroupKey>();
        if (parser.CurrentToken.IsKeyword("by"))
        {
            parser.Take();
            keys.Add(ParseKey(parser));
            while (parser.CurrentToken.Kind == TokenKind.Comma)
            {
                parser.Take();
                keys.Add(ParseKey(parser));
            }
        }
        if (keys.Count(k => k.Bin is not null) > 1)
            throw new SyntaxException("Only one bin(…) can group a query", parser.CurrentToken.Position);
        return new Aggregation(calls, keys);
    }

    private static AggregateCall ParseCall(QueryParser parser)
    {
        var name = parser.Take();
        var function = name.Kind == TokenKind.Word ? Function(name.Text.ToLowerInvariant()) : null;
        double? shorthandRank = null;
        if (function is null && name.Kind == TokenKind.Word && name.Text.Length > 1 && (name.Text[0] is 'p' or 'P')
            && double.TryParse(name.Text[1..], NumberStyles.Float, CultureInfo.InvariantCulture, out var rankValue) && rankValue is >= 0 and <= 100)
        {
            function = AggregateFunction.Percentile; // p95(Elapsed) is percentile(Elapsed, 95)
            shorthandRank = rankValue;
        }
        if (function is null)
            throw QueryParser.Unexpected(name, "expected an aggregate: count(), count_distinct(x), min(x), max(x), avg(x), sum(x) or percentile(x, 95)");
        parser.Expect(TokenKind.LeftParen, $"expected '(' after {name.Text}");
        FieldPath? field = null;
        double? argument = null;
        if (parser.CurrentToken.Kind != TokenKind.RightParen && !(function == AggregateFunction.Count && parser.CurrentToken.Text == "*"))
            field = parser.ParseField($"{name.Text}(…) needs a property name");
        else if (parser.CurrentToken.Text == "*")
            parser.Take();
        if (shorthandRank is not null)
        {
            argument = shorthandRank;
        }
        else if (function == AggregateFunction.Percentile)
        {
            parser.Expect(TokenKind.Comma, "percentile needs a rank: percentile(Elapsed, 95)");
            var rank = parser.Take();
            if (!double.TryParse(rank.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value is < 0 or > 100)
                throw QueryParser.Unexpected(rank, "expected a percentile rank from 0 to 100");
            argument = value;
        }
        parser.Expect(TokenKind.RightParen, $"expected ')' to close {name.Text}(");
        if (field is null && function is not AggregateFunction.Count)
            throw new SyntaxException($"{name.Text}(…) needs a property name", name.Position);
        return new AggregateCall(function.Value, field, argument, name.Position);
    }

    private static GroupKey ParseKey(QueryParser parser)
    {
        var token = parser.CurrentToken;
        if (!token.IsKeyword("bin") || parser.Peek(1).Kind != TokenKind.LeftParen)
            return new GroupKey(parser.ParseField("expected a property or bin(1m) after 'by'"), null);
        parser.Take();
        parser.Take();
        var width = parser.Take();
        var bin = DurationText.Parse(width.Text);
        if (bin is null)
            throw QueryParser.Unexpected(width, "expected a bin width such as 30s, 1m, 1h or 1d");
        parser.Expect(TokenKind.RightParen, "expected ')' after the bin width");
        return new GroupKey(null, bin);
    }

    private static AggregateFunction? Function(string name) => name switch
    {
        "count" => AggregateFunction.Count,
        "count_distinct" or "distinct" => AggregateFunction.CountDistinct,
        "min" => AggregateFunction.Min,
        "max" => AggregateFunction.Max,
        "avg" or "mean" => AggregateFunction.Avg,
        "sum" => AggregateFunction.Sum,
        "percentile" => AggregateFunction.Percentile,
        _ => null,
    };
}
