using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli.Logs;

/// <summary>`vigil logs search` and `vigil logs tail` over the store a running server writes.</summary>
public sealed class LogsCommandsTests(ProcessStoreFixture store) : IClassFixture<ProcessStoreFixture>
{
    private async Task<(VigilProcess Server, string Slug, string Key)> ProjectAsync(string name)
    {
        var server = await store.SharedServerAsync();
        var project = await store.RunJsonAsync("project", "create", name);
        return (server, project["slug"]!.GetValue<string>(), new Uri(project["dsn"]!.GetValue<string>()).UserInfo);
    }

    [Fact]
    public async Task SearchPrintsMatchingEventsAsJsonLinesAndAggregatesAsATable()
    {
        var (server, slug, key) = await ProjectAsync("Cli Search");
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        await LogsClient.AcceptAsync(http, key,
            new JsonObject { ["msg"] = "checkout failed", ["level"] = "error", ["service"] = "shop", ["status"] = 502 },
            new JsonObject { ["msg"] = "checkout ok", ["level"] = "info", ["service"] = "shop", ["status"] = 200 },
            new JsonObject { ["msg"] = "ship failed", ["level"] = "error", ["service"] = "ship", ["status"] = 503 });

        var (exit, stdout, stderr) = await store.RunAsync("logs", "search", "status >= 500", "--since", "1h", "--project", slug, "--json");
        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["checkout failed", "ship failed"], lines.Select(l => LogsClient.Text(l, "message")).Order());

        var table = await store.RunJsonAsync("logs", "search", "level = error | count() by @service", "--since", "1h", "--project", slug);
        Assert.Equal(["ship,1", "shop,1"], table["rows"]!.AsArray().Select(r => $"{r![0]},{r[1]}").Order());

        var (badExit, _, badError) = await store.RunAsync("logs", "search", "status >=", "--project", slug);
        Assert.Equal(2, badExit);
        Assert.Contains("^", badError);
    }

    [Fact]
    public async Task TailPrintsAnEventSentAfterItStarted()
    {
        var (server, slug, key) = await ProjectAsync("Cli Tail");
        using var tail = VigilProcess.Start(["logs", "tail", "level >= warning", "--project", slug, "--json", .. VigilProcess.StoreFlags(store.Settings)]);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var first = tail.StandardOutput.ReadLineAsync(timeout.Token).AsTask();
            // The tail starts after the newest stored event; keep sending until it has surely started.
            JsonNode? printed = null;
            for (var i = 0; printed is null && !timeout.IsCancellationRequested; i++)
            {
                await LogsClient.AcceptAsync(http, key, new JsonObject { ["msg"] = "quiet", ["level"] = "debug" },
                    new JsonObject { ["msg"] = $"tailed {i}", ["level"] = "warning" });
                if (await Task.WhenAny(first, Task.Delay(1000)) == first)
                    printed = JsonNode.Parse((await first)!);
            }
            Assert.NotNull(printed);
            Assert.StartsWith("tailed ", LogsClient.Text(printed, "message"));
            Assert.Equal("warning", LogsClient.Text(printed, "level"));
        }
        finally
        {
            tail.Kill(entireProcessTree: true);
            await tail.WaitForExitAsync();
        }
    }
}
