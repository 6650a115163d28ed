using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Vigil.Features.Projects;
using Vigil.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Tests.Features.Logs.Pages;

/// <summary>The log search page in headless Chromium, over logs sent as NDJSON. Each test has its own project.</summary>
public sealed class LogsPageTests(VigilServerFixture server, ChromiumFixture chromium)
    : IClassFixture<VigilServerFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task SearchingFiltersTheList()
    {
        var (project, page) = await OpenWithCheckoutLogsAsync("Search");
        await Expect(page.Locator(".log-row")).ToHaveCountAsync(3);

        await SearchAsync(page, "checkout");
        await Expect(page.Locator(".log-row")).ToHaveCountAsync(2);
        await Expect(page.Locator(".log-row .log-message", new() { HasText = "cache warmed" })).ToHaveCountAsync(0);
        Assert.Contains("q=checkout", page.Url);
        await ScreenshotAsync(page, "search");
    }

    [Fact]
    public async Task ASyntaxErrorShowsTheApiMessageAtItsPosition()
    {
        var (project, page) = await OpenWithCheckoutLogsAsync("Syntax");
        const string query = "status >= 500 and ) or timeout";
        var problem = await ProblemAsync($"/api/logs?project={project.Slug}&q={Uri.EscapeDataString(query)}");
        Assert.InRange(problem.Position, 1, query.Length - 1);

        await SearchAsync(page, query);
        await Expect(page.Locator("#query-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#query-error-message")).ToHaveTextAsync(problem.Detail);
        await Expect(page.Locator("#query-error-caret .bad")).ToHaveAttributeAsync("data-position", problem.Position.ToString());
        var caretLine = (await page.Locator("#query-error-caret").TextContentAsync())!.Split('\n')[1];
        Assert.Equal(problem.Position, caretLine.IndexOf('^'));
        await Expect(page.Locator(".log-row")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "syntax-error");
    }

    [Fact]
    public async Task ClickingAPropertyValueAddsItToTheQueryAndNarrowsTheResults()
    {
        var (_, page) = await OpenWithCheckoutLogsAsync("Property click");
        await SearchAsync(page, "checkout");
        var failed = page.Locator(".log-row", new() { HasText = "checkout failed" });
        await ExpandAsync(failed);
        await Expect(failed.Locator(".log-details")).ToContainTextAsync("CardDeclined");
        await ScreenshotAsync(page, "expanded");

        await failed.Locator(".prop-value[data-name=UserId]").ClickAsync();
        await Expect(page.Locator("#q")).ToHaveValueAsync("checkout and UserId = 8");
        await Expect(page.Locator(".log-row")).ToHaveCountAsync(1);
        await failed.Locator(".log-head").ClickAsync();
        await page.Locator(".log-row .prop-value[data-name='cart.items']").ClickAsync();
        await Expect(page.Locator("#q")).ToHaveValueAsync("checkout and UserId = 8 and cart.items = 3");
        await Expect(page.Locator(".log-row")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task AnAggregationShowsATableAndAChartOverTime()
    {
        var (_, page) = await OpenWithCheckoutLogsAsync("Aggregate");
        await SearchAsync(page, "| count() by @service");
        var table = page.Locator("table.aggregate");
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(table.Locator("tr", new() { HasText = "shop" }).Locator("td.num")).ToHaveTextAsync("2");
        await Expect(page.Locator(".log-row")).ToHaveCountAsync(0);

        await SearchAsync(page, "| count() by bin(1m)");
        await Expect(page.Locator("svg.aggregate-chart rect.bar").First).ToBeVisibleAsync();
        await Expect(page.Locator("table.aggregate th").First).ToHaveTextAsync("time");
        await ScreenshotAsync(page, "aggregate");
    }

    [Fact]
    public async Task TheShareUrlReproducesTheSearchWhenOpened()
    {
        var (_, page) = await OpenWithCheckoutLogsAsync("Share");
        await page.SelectOptionAsync("#since", "24h");
        await SearchAsync(page, "failed");
        await page.ClickAsync("#share");
        var url = await page.Locator("#share-url").InputValueAsync();
        Assert.Contains("since=24h", url);

        var other = await page.Context.NewPageAsync();
        await other.GotoAsync(url);
        await Expect(other.Locator("#q")).ToHaveValueAsync("failed");
        await Expect(other.Locator("#since")).ToHaveValueAsync("24h");
        await Expect(other.Locator(".log-row")).ToHaveCountAsync(1);
        await Expect(other.Locator(".log-row .log-message")).ToHaveTextAsync("checkout failed");
    }

    [Fact]
    public async Task LiveTailShowsALogSentAfterThePageOpened()
    {
        var (project, key) = await server.CreateProjectAsync("Tail");
        await LogSender.SendAsync(server, key, LogSender.Line("info", "before the tail"));
        var page = await chromium.SignedInPageAsync(server);
        await page.GotoAsync($"/projects/{project.Slug}/logs?q=tail");
        await Expect(page.Locator(".log-row")).ToHaveCountAsync(1);

        await page.CheckAsync("#tail");
        await Expect(page.Locator("#logs.tailing")).ToHaveCountAsync(1);
        await LogSender.SendAsync(server, key, LogSender.Line("warning", "tail saw this", ago: TimeSpan.Zero), LogSender.Line("info", "not matching"));
        var tailed = page.Locator(".log-row.tailed");
        await Expect(tailed).ToHaveCountAsync(1);
        await Expect(tailed.Locator(".log-message")).ToHaveTextAsync("tail saw this");
        await Expect(page.Locator(".log-row").First).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("tailed"));
    }

    [Fact]
    public async Task ASavedSearchAppearsAndRunsWhenClicked()
    {
        var (project, page) = await OpenWithCheckoutLogsAsync("Saved");
        await SearchAsync(page, "failed");
        await page.FillAsync("#save-name", "Failed checkouts");
        await page.ClickAsync("#save button[type=submit]");
        var saved = page.Locator("#saved a.saved-search", new() { HasText = "Failed checkouts" });
        await Expect(saved).ToHaveCountAsync(1);

        await page.GotoAsync($"/projects/{project.Slug}/logs");
        await Expect(page.Locator(".log-row")).ToHaveCountAsync(3);
        await saved.ClickAsync();
        await Expect(page.Locator("#q")).ToHaveValueAsync("failed");
        await Expect(page.Locator(".log-row")).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "saved");
    }

    [Fact]
    public async Task ExportDownloadsTheMatchingEventsAsNdjsonAndCsv()
    {
        var (_, page) = await OpenWithCheckoutLogsAsync("Download");
        await SearchAsync(page, "checkout");
        await Expect(page.Locator(".log-row")).ToHaveCountAsync(2);

        var ndjson = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-ndjson"));
        var lines = (await File.ReadAllLinesAsync((await ndjson.PathAsync())!)).Where(l => l.Length > 0).ToList();
        Assert.Equal(["checkout failed", "checkout started"], lines.Select(l => JsonNode.Parse(l)!["message"]!.GetValue<string>()).Order());
        var csv = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-csv"));
        Assert.EndsWith(".csv", csv.SuggestedFilename);
        var text = await File.ReadAllTextAsync((await csv.PathAsync())!);
        Assert.StartsWith("timestamp,level,service,message,", text);
        Assert.Contains("checkout started", text);
        Assert.DoesNotContain("cache warmed", text);
    }

    [Fact]
    public async Task DraggingAcrossTheHistogramZoomsTheTimeRange()
    {
        var (_, page) = await OpenWithCheckoutLogsAsync("Zoom");
        var chart = page.Locator("#histogram svg");
        var box = (await chart.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width * 0.5f, box.Y + 20);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width * 0.99f, box.Y + 20, new() { Steps = 5 });
        await page.Mouse.UpAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("from=\\d+&to=\\d+"));
        await Expect(page.Locator("#since")).ToHaveValueAsync("custom");
        // The logs were sent a minute ago, inside the right half of the last hour.
        await Expect(page.Locator(".log-row")).ToHaveCountAsync(3);
    }

    private async Task<(Project Project, IPage Page)> OpenWithCheckoutLogsAsync(string name)
    {
        var (project, key) = await server.CreateProjectAsync(name);
        var failed = LogSender.Line("error", "checkout failed", new { service = "shop", UserId = 8, cart = new { items = 3 } });
        failed["exception"] = "CardDeclined: insufficient funds";
        await LogSender.SendAsync(server, key,
            LogSender.Line("info", "checkout started", new { service = "shop", UserId = 7, cart = new { items = 3 } }),
            failed,
            LogSender.Line("debug", "cache warmed", new { service = "worker" }, TimeSpan.FromMinutes(2)));
        var page = await chromium.SignedInPageAsync(server);
        await page.GotoAsync($"/projects/{project.Slug}/logs");
        return (project, page);
    }

    private static async Task SearchAsync(IPage page, string query)
    {
        await page.FillAsync("#q", query);
        await page.ClickAsync("#search button[type=submit]");
    }

    /// <summary>Opens a row's details. A search still in flight re-renders the list and closes a row
    /// opened too early, so the click is repeated until the details stay open.</summary>
    private static async Task ExpandAsync(ILocator row)
    {
        for (var attempt = 0; ; attempt++)
        {
            await row.Locator(".log-head").ClickAsync();
            try
            {
                await Expect(row.Locator(".log-details")).ToBeVisibleAsync(new() { Timeout = 3_000 });
                await Task.Delay(300);
                if (await row.Locator(".log-details").IsVisibleAsync())
                    return;
            }
            catch (PlaywrightException) when (attempt < 4)
            {
            }
        }
    }

    private async Task<(string Detail, int Position)> ProblemAsync(string path)
    {
        using var response = await server.Api.Http.GetAsync(path);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, (int)response.StatusCode);
        return (problem["detail"]!.GetValue<string>(), problem["position"]!.GetValue<int>());
    }

    internal static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = $"/tmp/vigil-logs-{name}.png", FullPage = true });
}
