using System.Text.Json.Nodes;
using Vigil.Features.Logs.Query;
using Vigil.Protocols.LogQuery;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Logs.Query;

/// <summary>A server that starts searches from the full-text index when a word matches at most 5 events,
/// so both plans run here: rare words from the index, common ones by walking time.</summary>
public sealed class RareWordServer : VigilServerFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Logs:FullTextFirstLimit", "5")];
}

/// <summary>Both plans return the same events, newest first, and page the same way.</summary>
public sealed class FullTextFirstTests(RareWordServer server) : IClassFixture<RareWordServer>
{
    [Fact]
    public async Task ARareWordAndACommonWordFindExactlyTheirEventsNewestFirstPageByPage()
    {
        var (project, key) = await server.CreateProjectAsync("Rare words");
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        await LogsClient.AcceptAsync(server.Http, key.PublicKey, [.. Enumerable.Range(0, 12).Select(i => new JsonObject
        {
            ["time"] = start.AddSeconds(i).ToUnixTimeMilliseconds(),
            ["msg"] = i % 4 == 1 ? "alpha zebrafish spotted" : "alpha routine work",
            ["level"] = i == 5 ? "error" : "info",
            ["n"] = i,
        })]);

        Assert.Equal([9, 5, 1], await AllPagesAsync(project.Slug, "zebrafish", pageSize: 2));
        Assert.Equal([5], await AllPagesAsync(project.Slug, "zebrafish and level = 'error'", pageSize: 10));
        Assert.Equal([9, 1], await AllPagesAsync(project.Slug, "level = 'info' and zebrafish", pageSize: 10));
        Assert.Equal(Enumerable.Range(0, 12).Reverse(), await AllPagesAsync(project.Slug, "alpha", pageSize: 5));
        Assert.Equal([9, 5, 1], await AllPagesAsync(project.Slug, "alpha and zebrafish", pageSize: 10));
        Assert.Equal([11, 9, 7, 5, 3, 1], await AllPagesAsync(project.Slug, "zebrafish or n in [3, 7, 11]", pageSize: 10));
    }

    [Fact]
    public void TheRequiredTermIsTheLongestWordEveryMatchMustContain()
    {
        Assert.Equal("zebrafish", FullTextFirst.RequiredTerm(Parse("alpha and status >= 500 and zebrafish"))!.Text);
        Assert.Null(FullTextFirst.RequiredTerm(Parse("alpha or zebrafish")));
        Assert.Null(FullTextFirst.RequiredTerm(Parse("not zebrafish")));
        Assert.Null(FullTextFirst.RequiredTerm(Parse("status >= 500")));
    }

    [Fact]
    public void WithoutTheTermTheRestOfTheFilterIsKept()
    {
        var filter = Parse("alpha and status >= 500 and zebrafish");
        var rest = FullTextFirst.Without(filter, FullTextFirst.RequiredTerm(filter)!);
        Assert.Equal("alpha", FullTextFirst.RequiredTerm(rest)!.Text);
        Assert.IsType<CompareNode>(((AndNode)rest!).Right);
        var alone = Parse("zebrafish");
        Assert.Null(FullTextFirst.Without(alone, FullTextFirst.RequiredTerm(alone)!));
    }

    private static QueryNode Parse(string text) => QueryParser.Parse(text).Query!.Filter!;

    private async Task<List<int>> AllPagesAsync(string project, string q, int pageSize)
    {
        var seen = new List<int>();
        string? cursor = null;
        for (var pages = 0; pages < 20; pages++)
        {
            var page = await LogsClient.QueryAsync(server.Api, q, project, extra: $"limit={pageSize}" + (cursor is null ? "" : "&cursor=" + cursor));
            seen.AddRange(page["events"]!.AsArray().Select(e => e!["properties"]!["n"]!.GetValue<int>()));
            cursor = page["nextCursor"]?.GetValue<string>();
            if (cursor is null)
                break;
        }
        return seen;
    }
}
