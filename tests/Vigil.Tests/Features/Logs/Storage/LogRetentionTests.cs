using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Features.Logs;
using Vigil.Features.Logs.Storage;
using Vigil.Infrastructure.Storage;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Logs.Storage;

/// <summary>Retention by age and by size per project: oldest first, with their minute counts, leaving no trace in the blocks.</summary>
public sealed class LogRetentionTests(VigilServerFixture server) : IClassFixture<VigilServerFixture>
{
    private static readonly LogsOptions Defaults = new() { RetentionDays = 30, DeleteBatchSize = 3 };

    /// <summary>The worker as the host builds it, so a test runs one pass now instead of waiting for the interval.</summary>
    private LogRetentionWorker Worker() => ActivatorUtilities.CreateInstance<LogRetentionWorker>(server.App.Services);

    private async Task<(string Slug, long Id, string Key)> ProjectWithDaysAsync(string name, DateTimeOffset now, params int[] daysAgo)
    {
        var (project, key) = await server.CreateProjectAsync(name + " " + Guid.NewGuid().ToString("N")[..6]);
        await LogsClient.AcceptAsync(server.Http, key.PublicKey, [.. daysAgo.Select(d => new JsonObject
        {
            ["time"] = now.AddDays(-d).ToUnixTimeMilliseconds(), ["msg"] = $"day{d} marker{d}x " + new string('p', 200), ["days"] = d,
        })]);
        return (project.Slug, project.Id, key.PublicKey);
    }

    private async Task<List<int>> DaysAsync(string slug, string q = "") =>
        (await LogsClient.SearchAsync(server.Api, q, slug, "since=3650d")).Select(e => e!["properties"]!["days"]!.GetValue<int>()).Order().ToList();

    private async Task<long> MinuteCountAsync(string slug) =>
        (await server.Api.GetJsonAsync($"/api/logs/aggregate?project={slug}&since=3650d&q={Uri.EscapeDataString("| count() by bin(1d)")}"))["rows"]!
            .AsArray().Sum(r => r![1]!.GetValue<long>());

    /// <summary>How many stored blocks still hold a word's bytes: a deleted event must leave no trace,
    /// also where its block lives on for newer events.</summary>
    private async Task<long> StoredAsync(string word)
    {
        await using var connection = await server.Service<Database>().OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = TestStorage.IsPostgres
            ? $"SELECT COUNT(*) FROM log_blocks WHERE position(convert_to('{word}', 'UTF8') in data) > 0"
            : $"SELECT COUNT(*) FROM log_blocks WHERE instr(data, CAST('{word}' AS BLOB)) > 0";
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task AProjectsAgeLimitDeletesOlderEventsWithTheirMinuteCountsAndLeavesNoTraceOfThem()
    {
        var now = DateTimeOffset.UtcNow;
        var kept = await ProjectWithDaysAsync("Keep", now, 1, 20, 40);
        var trimmed = await ProjectWithDaysAsync("Trim", now, 1, 2, 8, 9, 10, 11, 12, 13, 50);
        await server.Service<LogRetention>().SetLimitsAsync(trimmed.Id, 7, null);

        await Worker().PassAsync(Defaults, CancellationToken.None);

        Assert.Equal([1, 2], await DaysAsync(trimmed.Slug));
        Assert.Equal([1, 20], await DaysAsync(kept.Slug)); // the default of 30 days
        Assert.Empty(await DaysAsync(trimmed.Slug, "marker9x"));
        Assert.Empty(await DaysAsync(kept.Slug, "marker40x"));
        Assert.Equal([1], await DaysAsync(trimmed.Slug, "marker1x"));
        Assert.Equal(0, await StoredAsync("marker9x"));
        Assert.Equal(0, await StoredAsync("marker40x"));
        Assert.Equal(1, await StoredAsync("marker20x")); // only the kept project has a day-20 event
        Assert.Equal(2, await MinuteCountAsync(trimmed.Slug));
        Assert.Equal(2, await MinuteCountAsync(kept.Slug));
    }

    [Fact]
    public async Task TheAgeCutKeepsMinuteCountsInAgreementWithTheEvents()
    {
        var (project, key) = await server.CreateProjectAsync("Edge " + Guid.NewGuid().ToString("N")[..6]);
        var cut = DateTimeOffset.UtcNow.AddDays(-7).ToUnixTimeMilliseconds();
        var minute = cut - cut % 60_000;
        // The first and the last millisecond of the minute the 7-day cut falls in.
        await LogsClient.AcceptAsync(server.Http, key.PublicKey,
            new JsonObject { ["time"] = minute, ["msg"] = "edge first", ["days"] = 7 },
            new JsonObject { ["time"] = minute + 59_999, ["msg"] = "edge last", ["days"] = 7 });
        await server.Service<LogRetention>().SetLimitsAsync(project.Id, 7, null);

        await Worker().PassAsync(Defaults, CancellationToken.None);

        var stored = (await DaysAsync(project.Slug)).Count;
        Assert.Equal(stored, await MinuteCountAsync(project.Slug));
    }

    [Fact]
    public async Task ASizeLimitDeletesTheOldestEventsUntilTheProjectFits()
    {
        var now = DateTimeOffset.UtcNow;
        var project = await ProjectWithDaysAsync("Size", now, 1, 2, 3, 4, 5, 6);
        var one = (await LogsClient.SearchAsync(server.Api, "marker1x", project.Slug, "since=3650d"))[0]!;
        // Room for about three events of this size.
        var size = LogsClient.Text(one, "message").Length + one["properties"]!.ToJsonString().Length;
        await server.Service<LogRetention>().SetLimitsAsync(project.Id, null, size * 3 + size / 2);

        await Worker().PassAsync(Defaults, CancellationToken.None);

        Assert.Equal([1, 2, 3], await DaysAsync(project.Slug));
        Assert.Empty(await DaysAsync(project.Slug, "marker4x"));
        Assert.Equal(3, await MinuteCountAsync(project.Slug));
    }
}
