using System.Text.Json.Nodes;
using Vigil.Infrastructure.Storage;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Logs.Blocks;

/// <summary>A server whose blocks hold three events, so a dozen events span several blocks and a
/// search must merge them, skip the ones whose word filters rule a word out, and page across them.</summary>
public sealed class SmallBlocksServer : VigilServerFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Logs:BlockEvents", "3")];
}

/// <summary>Searches over many blocks return exactly the matching events, newest first, page by page.</summary>
public sealed class BlockSearchTests(SmallBlocksServer server) : IClassFixture<SmallBlocksServer>
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
        Assert.Empty(await AllPagesAsync(project.Slug, "zebrafish and routine", pageSize: 10));
    }

    [Fact]
    public async Task EventsSentOutOfTimeOrderComeBackNewestFirstAcrossOverlappingBlocks()
    {
        var (project, key) = await server.CreateProjectAsync("Out of order");
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        // Three requests whose times interleave: every block overlaps the others in time.
        foreach (var offset in new[] { 2, 0, 1 })
        {
            await LogsClient.AcceptAsync(server.Http, key.PublicKey, [.. Enumerable.Range(0, 6).Select(i => new JsonObject
            {
                ["time"] = start.AddSeconds(i * 3 + offset).ToUnixTimeMilliseconds(),
                ["msg"] = "tick",
                ["n"] = i * 3 + offset,
            })]);
        }

        Assert.Equal(Enumerable.Range(0, 18).Reverse(), await AllPagesAsync(project.Slug, "tick", pageSize: 4));
        Assert.Equal([16, 13, 10, 7, 4, 1], await AllPagesAsync(project.Slug, "n in [1, 4, 7, 10, 13, 16]", pageSize: 4));
    }

    [Fact]
    public async Task ANumberSentInExponentFormIsFoundByItsValue()
    {
        var (project, key) = await server.CreateProjectAsync("Exponents");
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        var lines = new[] { "5.03e2", "503", "503.0", "5030", "1503" }.Select((status, i) => JsonNode.Parse(
            $$"""{"time": {{start.AddSeconds(i).ToUnixTimeMilliseconds()}}, "msg": "request done", "status": {{status}}, "n": {{i}} }""")!.AsObject()).ToArray();
        await LogsClient.AcceptAsync(server.Http, key.PublicKey, lines);

        Assert.Equal([2, 1, 0], await AllPagesAsync(project.Slug, "status = 503", pageSize: 10));
    }

    /// <summary>Blocks are read in pages that start small and double (16, 32 …): 150 events in 50 blocks
    /// take three pages, and nothing is lost or repeated where one page ends and the next begins.</summary>
    [Fact]
    public async Task ASearchReadsOnAcrossSeveralPagesOfBlocks()
    {
        var (project, key) = await server.CreateProjectAsync("Many blocks");
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        await LogsClient.AcceptAsync(server.Http, key.PublicKey, [.. Enumerable.Range(0, 150).Select(i => new JsonObject
        {
            ["time"] = start.AddSeconds(i).ToUnixTimeMilliseconds(),
            ["msg"] = i == 0 ? "alpha oldest narwhal" : "alpha",
            ["n"] = i,
        })]);

        Assert.Equal(Enumerable.Range(0, 150).Reverse(), await AllPagesAsync(project.Slug, "alpha", pageSize: 1000));
        Assert.Equal([0], await AllPagesAsync(project.Slug, "narwhal", pageSize: 10));
        Assert.Equal(Enumerable.Range(0, 150).Reverse(), await AllPagesAsync(project.Slug, "alpha", pageSize: 7));
    }

    [Fact]
    public async Task ALevelQueryFindsItsEventsAcrossBlocksWithAndWithoutThatLevel()
    {
        var (project, key) = await server.CreateProjectAsync("Levels");
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        string[] levels = ["info", "info", "info", "info", "error", "info", "warning", "info", "info", "fatal", "info", "info"];
        await LogsClient.AcceptAsync(server.Http, key.PublicKey, [.. levels.Select((level, i) => new JsonObject
        {
            ["time"] = start.AddSeconds(i).ToUnixTimeMilliseconds(),
            ["msg"] = "step",
            ["level"] = level,
            ["n"] = i,
        })]);

        Assert.Equal([4], await AllPagesAsync(project.Slug, "level = 'error'", pageSize: 10));
        Assert.Equal([9, 6, 4], await AllPagesAsync(project.Slug, "level >= warning", pageSize: 2));
        Assert.Equal([9, 4], await AllPagesAsync(project.Slug, "step and level in [error, fatal]", pageSize: 10));
        Assert.Equal(10, (await AllPagesAsync(project.Slug, "level = info or n = 4", pageSize: 100)).Count);
    }

    /// <summary>Proves the search trusts a block's levels: with them rewritten to say "information only",
    /// the block holding the error is never read. (A fault caused by editing the row.)</summary>
    [Fact]
    public async Task ABlockWhoseLevelsLackTheQueriedOneIsNotRead()
    {
        var (project, key) = await server.CreateProjectAsync("Levels pruned");
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        await LogsClient.AcceptAsync(server.Http, key.PublicKey, [.. Enumerable.Range(0, 3).Select(i => new JsonObject
        {
            ["time"] = start.AddSeconds(i).ToUnixTimeMilliseconds(),
            ["msg"] = "step",
            ["level"] = i == 1 ? "error" : "info",
            ["n"] = i,
        })]);
        Assert.Equal([1], await AllPagesAsync(project.Slug, "level = 'error'", pageSize: 10));

        await using (var connection = await server.Service<Database>().OpenAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE log_blocks SET levels = {1 << (int)Vigil.Protocols.Logs.LogLevel.Information} WHERE project_id = {project.Id}";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        Assert.Empty(await AllPagesAsync(project.Slug, "level = 'error'", pageSize: 10));
        Assert.Equal([2, 1, 0], await AllPagesAsync(project.Slug, "step", pageSize: 10));
    }

    private async Task<List<int>> AllPagesAsync(string project, string q, int pageSize)
    {
        var seen = new List<int>();
        string? cursor = null;
        for (var pages = 0; pages < 30; pages++)
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
