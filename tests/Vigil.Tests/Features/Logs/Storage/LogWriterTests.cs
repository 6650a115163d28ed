using System.Text.Json.Nodes;
using Dapper;
using Vigil.Features.Logs.Ingest;
using Vigil.Infrastructure.Ingest;
using Vigil.Infrastructure.Storage;
using Vigil.Protocols.Logs;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Logs.Storage;

/// <summary>How a batch lands in storage: a few full blocks, not a row per event.</summary>
public sealed class LogWriterTests(VigilServerFixture server) : IClassFixture<VigilServerFixture>
{
    [Fact]
    public async Task ABatchOfAThousandEventsBecomesTwoBlocksAndEveryEventIsFound()
    {
        var database = server.Service<Database>();
        var (project, _) = await server.CreateProjectAsync("Two blocks");
        var start = DateTimeOffset.UtcNow.AddMinutes(-20);
        var records = Enumerable.Range(0, 1000).Select(i => new LogRecord
        {
            Timestamp = start.AddMilliseconds(i),
            Message = $"order ord-{i} paid",
            Properties = new JsonObject { ["unique"] = $"u{i}x{i * 7919}" },
        }).ToList();

        await server.Service<IBatchSink<LogWork>>().WriteAsync([LogWork.Encode(project.Id, records)], CancellationToken.None);

        await using var connection = await database.OpenAsync();
        var blocks = (await connection.QueryAsync<(int Count, long Min, long Max)>(
            "SELECT count, min_ts, max_ts FROM log_blocks WHERE project_id = @Id ORDER BY id", new { project.Id })).ToList();
        Assert.Equal([512, 488], blocks.Select(b => b.Count));
        Assert.Equal(start.ToUnixTimeMilliseconds(), blocks[0].Min);
        Assert.Equal(start.AddMilliseconds(999).ToUnixTimeMilliseconds(), blocks[1].Max);
        foreach (var i in new[] { 0, 511, 512, 999 })
        {
            var found = await LogsClient.QueryAsync(server.Api, $"u{i}x{i * 7919}", project.Slug);
            Assert.Equal($"order ord-{i} paid", Assert.Single(found["events"]!.AsArray())!["message"]!.GetValue<string>());
        }
        // A word in every line of both blocks, paged: each event once, newest first, ids stable across pages.
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await LogsClient.QueryAsync(server.Api, "paid", project.Slug, extra: "limit=300" + (cursor is null ? "" : "&cursor=" + cursor));
            seen.AddRange(page["events"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        Assert.Equal(Enumerable.Range(0, 1000).Reverse().Select(i => $"order ord-{i} paid"), seen);
    }
}
