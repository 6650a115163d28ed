using Microsoft.Playwright;
using Vigil.Features.Metrics;
using Vigil.Features.Metrics.Ingest;
using Vigil.Infrastructure.Ingest;
using Vigil.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Tests.Features.Metrics.Pages;

/// <summary>The metrics explorer and dashboards in headless Chromium, over samples stored through the
/// real metric writer: this hour's checkout timings by region, and the same hour a week ago.</summary>
public sealed class MetricsPagesTests(VigilServerFixture server, ChromiumFixture chromium)
    : IClassFixture<VigilServerFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task TheExplorerDrawsAGroupedChartWithLastWeekAndAddsItToADashboard()
    {
        var (project, _) = await server.CreateProjectAsync("Explorer");
        await StoreCheckoutTimingsAsync(project.Id);
        var page = await chromium.SignedInPageAsync(server);
        await page.GotoAsync($"{server.BaseUrl}/projects/{project.Slug}/metrics?metric=checkout.duration&agg=p99&groupBy=region&range=1h&compare=1");

        var chart = page.Locator("#chart");
        // Two regions now and the same two a week ago.
        await Expect(chart).ToHaveAttributeAsync("data-series", "4");
        await Expect(page.Locator(".u-legend")).ToContainTextAsync("region=eu");
        await Expect(page.Locator(".u-legend")).ToContainTextAsync("region=us (previous week)");
        await Expect(page.Locator("#chart-unit")).ToHaveTextAsync("unit: ms");
        var box = (await chart.Locator(".u-over").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width * 0.8f, box.Y + box.Height / 2);
        await Expect(page.Locator(".u-legend .u-series").Nth(1).Locator(".u-value")).ToContainTextAsync(" ms");
        await ChromiumFixture.ScreenshotAsync(page, "metrics-explorer");

        await page.Locator("#dashboard-name").FillAsync("Checkout health");
        await page.Locator("#add-to-dashboard button[type=submit]").ClickAsync();
        await page.Locator("#added a", new() { HasText = "Checkout health" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("Checkout health");
        await Expect(page.Locator(".chart-card .metric-chart")).ToHaveAttributeAsync("data-series", "4");
        await Expect(page.Locator(".chart-card strong")).ToHaveTextAsync("p99(checkout.duration) by region");

        await page.Locator("#refresh").SelectOptionAsync("10");
        await Expect(page.Locator("#saved")).ToHaveTextAsync("Saved");
        await page.ReloadAsync();
        await Expect(page.Locator("#refresh")).ToHaveValueAsync("10");
        await ChromiumFixture.ScreenshotAsync(page, "metrics-dashboard");
    }

    [Fact]
    public async Task AnUnknownMetricInTheAddressShowsTheApisErrorInsteadOfAChart()
    {
        var (project, _) = await server.CreateProjectAsync("Explorer errors");
        await StoreCheckoutTimingsAsync(project.Id);
        var page = await chromium.SignedInPageAsync(server);
        await page.GotoAsync($"{server.BaseUrl}/projects/{project.Slug}/metrics?metric=checkout.latency&agg=p99");
        await Expect(page.Locator("#chart-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#chart-error")).ToContainTextAsync("no metric named 'checkout.latency'");
    }

    /// <summary>One distribution sample a minute per region for the last hour, and the same a week earlier (slower).</summary>
    private async Task StoreCheckoutTimingsAsync(long projectId)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 10_000 * 10_000;
        var week = (long)TimeSpan.FromDays(7).TotalMilliseconds;
        var samples = new List<MetricSample>();
        foreach (var (region, milliseconds) in new[] { ("eu", 120.0), ("us", 80.0) })
        {
            for (var minute = 1; minute <= 55; minute++)
            {
                foreach (var (at, scale) in new[] { (now - minute * 60_000L, 1.0), (now - week - minute * 60_000L, 1.5) })
                {
                    var value = new MetricAggregate(MetricKind.Distribution);
                    value.AddObservation(milliseconds * scale + minute % 7, 3);
                    samples.Add(new MetricSample("checkout.duration", [new("region", region)], at, value, "ms"));
                }
            }
        }
        var committed = server.Service<IngestQueue<MetricWork>>().TryEnqueue(new MetricWork(projectId, samples));
        Assert.NotNull(committed);
        await committed;
    }
}
