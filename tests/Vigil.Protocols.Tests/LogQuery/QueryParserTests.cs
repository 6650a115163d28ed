using Vigil.Protocols.LogQuery;

namespace Vigil.Protocols.Tests.LogQuery;

public sealed class QueryParserTests
{
    [Theory]
    [InlineData("", "*")]
    [InlineData("timeout", "(text timeout)")]
    [InlineData("\"connection refused\"", "(phrase \"connection refused\")")]
    [InlineData("timeout error", "(and (text timeout) (text error))")]
    [InlineData("/api/orders", "(text /api/orders)")]
    [InlineData("status >= 500", "(GreaterOrEqual status 500)")]
    [InlineData("level = 'error'", "(Equal level 'error')")]
    [InlineData("level == error", "(Equal level 'error')")]
    [InlineData("http.request.method = 'POST'", "(Equal http.request.method 'POST')")]
    [InlineData("RequestPath like '/api/%'", "(like RequestPath '/api/%')")]
    [InlineData("RequestPath not like '/health%'", "(not-like RequestPath '/health%')")]
    [InlineData("status in [500, 502, 'x']", "(in status [500 502 'x'])")]
    [InlineData("status not in [200]", "(not-in status [200])")]
    [InlineData("has(UserId)", "(has UserId)")]
    [InlineData("cached = true and user != null", "(and (Equal cached true) (NotEqual user null))")]
    [InlineData("Elapsed > 1.5e3", "(Greater Elapsed 1500)")]
    [InlineData("name = 'it''s'", "(Equal name 'it's')")]
    public void FiltersParseToTheirTree(string query, string tree)
    {
        var result = QueryParser.Parse(query);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(tree, QueryPrinter.Print(result.Query!.Filter));
    }

    [Theory]
    [InlineData("a or b and c", "(or (text a) (and (text b) (text c)))")]
    [InlineData("(a or b) and c", "(and (or (text a) (text b)) (text c))")]
    [InlineData("not a and b", "(and (not (text a)) (text b))")]
    [InlineData("not (status = 200 or status = 204)", "(not (or (Equal status 200) (Equal status 204)))")]
    [InlineData("A OR B AND NOT C", "(or (text A) (and (text B) (not (text C))))")]
    public void AndBindsTighterThanOrAndNotTighterThanBoth(string query, string tree) =>
        Assert.Equal(tree, QueryPrinter.Print(QueryParser.Parse(query).Query!.Filter));

    [Fact]
    public void AnAggregationFollowsThePipe()
    {
        var query = QueryParser.Parse("status >= 500 | count(), count_distinct(UserId), percentile(Elapsed, 95), p99(Elapsed) by RequestPath, bin(1m)").Query!;
        Assert.Equal("(GreaterOrEqual status 500)", QueryPrinter.Print(query.Filter));
        var aggregation = query.Aggregation!;
        Assert.Equal(["count", "count_distinct(UserId)", "p95(Elapsed)", "p99(Elapsed)"], aggregation.Calls.Select(c => c.Label));
        Assert.Equal("RequestPath", aggregation.GroupBy[0].Field!.Name);
        Assert.Equal(TimeSpan.FromMinutes(1), aggregation.GroupBy[1].Bin);
    }

    [Fact]
    public void AnAggregationNeedsNoFilter()
    {
        var query = QueryParser.Parse("| count() by bin(1h)").Query!;
        Assert.Null(query.Filter);
        Assert.Equal(TimeSpan.FromHours(1), query.Aggregation!.GroupBy.Single().Bin);
    }

    [Theory]
    [InlineData("status >=", 9, "Expected a value after '>='")]
    [InlineData("(a or b", 7, "Expected ')'")]
    [InlineData("a or b)", 6, "has no matching '('")]
    [InlineData("name = 'open", 7, "not closed")]
    [InlineData("status ! 5", 7, "not an operator")]
    [InlineData("status in 5", 10, "in needs a list")]
    [InlineData("path like foo", 10, "quoted pattern")]
    [InlineData("| median(x)", 2, "Expected an aggregate")]
    [InlineData("| avg()", 2, "needs a property name")]
    [InlineData("| count() by bin(7x)", 17, "bin width")]
    [InlineData("| percentile(x, 101)", 16, "rank from 0 to 100")]
    [InlineData("a..b = 1", 0, "dot must sit between")]
    [InlineData("and", 0, "Expected a word")]
    public void ErrorsPointAtTheirPosition(string query, int position, string message)
    {
        var result = QueryParser.Parse(query);
        Assert.False(result.IsSuccess);
        Assert.Equal(position, result.Error!.Position);
        Assert.Contains(message, result.Error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
