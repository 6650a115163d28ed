using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Logs.Query;

/// <summary>Paging newest first with nextCursor is stable: events arriving between pages never shift
/// the next page, so nothing is repeated or skipped.</summary>
public sealed class LogCursorTests(VigilServerFixture server) : IClassFixture<VigilServerFixture>
{
    [Fact]
    public async Task PagingWhileNewEventsArriveHasNoDuplicatesOrGaps()
    {
        var (project, key) = await server.CreateProjectAsync("Paging");
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        // 45 events, several sharing a millisecond so the id breaks ties.
        await LogsClient.AcceptAsync(server.Http, key.PublicKey, [.. Enumerable.Range(0, 45).Select(i => new JsonObject
        {
            ["time"] = start.AddSeconds(i / 3).ToUnixTimeMilliseconds(), ["msg"] = "page me", ["n"] = i,
        })]);

        var seen = new List<int>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await LogsClient.QueryAsync(server.Api, "", project.Slug, extra: "limit=10" + (cursor is null ? "" : "&cursor=" + cursor));
            seen.AddRange(page["events"]!.AsArray().Select(e => e!["properties"]!["n"]!.GetValue<int>()));
            cursor = page["nextCursor"]?.GetValue<string>();
            // Newer events (and one inside the range being paged) arrive between pages.
            await LogsClient.AcceptAsync(server.Http, key.PublicKey,
                new JsonObject { ["msg"] = "late", ["n"] = 1000 + pages }, new JsonObject { ["time"] = start.AddMinutes(5).ToUnixTimeMilliseconds(), ["msg"] = "late", ["n"] = 2000 + pages });
            pages++;
        }
        while (cursor is not null && pages < 20);

        var original = seen.Where(n => n < 45).ToList();
        Assert.Equal(Enumerable.Range(0, 45).Reverse(), original);
        Assert.Equal(5, pages);
    }

    [Fact]
    public async Task AForgedCursorIs400()
    {
        using var response = await server.Api.Http.GetAsync("/api/logs?cursor=bm90LWEtY3Vyc29y");
        await ProblemAssert.IsAsync(response, System.Net.HttpStatusCode.BadRequest, "cursor");
    }
}
