using System.Net;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Logs.Query;

/// <summary>The query language's filters end to end, through GET /api/logs, over the engine under test.</summary>
public sealed class LogFilterTests(SeededLogsServer server) : IClassFixture<SeededLogsServer>
{
    [Theory]
    [InlineData("zanzibar", "pay")] // a word of the exception
    [InlineData("quokka", "quokka-only")] // a word of a property value
    [InlineData("\"order shipped\"", "ship")]
    [InlineData("\"shipped order\"", "")]
    [InlineData("ORDER", "pay ship")]
    [InlineData("status >= 500", "pay")] // "5xx" is text, not a number ≥ 500
    [InlineData("status = '5xx'", "slow")]
    [InlineData("status < 300", "signin")]
    [InlineData("customer = 'ALICE'", "pay")]
    [InlineData("customer != 'alice'", "slow")]
    [InlineData("http.request.method = 'post'", "pay")] // nested objects
    [InlineData("http.request.method = 'GET'", "slow")] // a flat dotted key, as OTLP attributes are
    [InlineData("region like 'EU-%'", "ship")]
    [InlineData("region not like 'eu-%'", "pay slow cache signin quokka-only")]
    [InlineData("status in [404, 200]", "ship signin")]
    [InlineData("status not in [404, 200]", "pay slow cache quokka-only")]
    [InlineData("has(region)", "ship")]
    [InlineData("has(http.request.method)", "pay slow")]
    [InlineData("not status = 404", "pay slow cache signin quokka-only")] // events without status too
    [InlineData("status = 404 or customer = 'bob'", "ship slow")]
    [InlineData("not (has(status) and status > 100) and elapsed > 300", "cache quokka-only")]
    [InlineData("cached = true", "signin")]
    [InlineData("user = null", "pay slow ship cache quokka-only")]
    [InlineData("level >= warning", "pay slow quokka-only")]
    [InlineData("level = error", "pay")]
    [InlineData("@level = 'Information'", "ship signin")]
    [InlineData("level < info", "cache")]
    [InlineData("@service = 'CHECKOUT'", "pay slow")]
    [InlineData("@trace_id = '4bf92f3577b34da6a3ce929d0e0e4736'", "pay")]
    [InlineData("@request_id = 'req-1'", "pay")]
    [InlineData("@message like 'Order%'", "ship")]
    [InlineData("@template = 'Cache warm'", "cache")]
    [InlineData("@exception like '%TimeoutException%'", "pay")]
    public async Task AFilterFindsExactlyTheEventsItDescribes(string query, string expected)
    {
        var events = await LogsClient.SearchAsync(server.Api, query);
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(), events.Select(e => LogsClient.Text(e?["properties"], "name")).Order());
    }

    [Fact]
    public async Task FromAndToBoundTheTimeRangeAndSinceCountsBackFromNow()
    {
        var from = Uri.EscapeDataString(server.Now.AddMinutes(-9.5).ToString("O"));
        var to = server.Now.AddMinutes(-6.5).ToUnixTimeMilliseconds();
        var between = await LogsClient.SearchAsync(server.Api, "", range: $"from={from}&to={to}");
        Assert.Equal(["cache", "ship", "slow"], between.Select(e => LogsClient.Text(e?["properties"], "name")));

        var recent = await LogsClient.SearchAsync(server.Api, "", range: "since=6m");
        Assert.Equal("quokka-only", LogsClient.Text(Assert.Single(recent)?["properties"], "name"));
    }

    [Theory]
    [InlineData("status >=", 9)]
    [InlineData("(status = 1", 11)]
    [InlineData("status = 1 | count() by", -1)]
    public async Task ASyntaxErrorIs400WithDetailAndPosition(string query, int position)
    {
        using var response = await server.Api.Http.GetAsync($"/api/logs?q={Uri.EscapeDataString(query)}");
        var json = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "");
        Assert.False(string.IsNullOrWhiteSpace(json["detail"]!.GetValue<string>()));
        var at = json["position"]!.GetValue<long>();
        Assert.InRange(at, 0, query.Length);
        if (position >= 0)
            Assert.Equal(position, at);
    }

    [Fact]
    public async Task AnUnknownLevelIs400NotAServerError()
    {
        using var response = await server.Api.Http.GetAsync("/api/logs?q=" + Uri.EscapeDataString("level = bogus"));
        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "'bogus' is not a level");
        await ProblemAssert.ServerIsHealthyAsync(server.Http);
    }
}
