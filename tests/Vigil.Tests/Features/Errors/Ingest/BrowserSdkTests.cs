using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Errors.Ingest;

/// <summary>The real @sentry/browser SDK in headless Chromium, on a page from another origin than Vigil.</summary>
public sealed class BrowserSdkTests(VigilServerFixture server) : IClassFixture<VigilServerFixture>
{
    [Fact]
    public async Task UncaughtErrorInAPageArrivesWithBrowserContext()
    {
        await using var site = await ShopPageAsync(server.Dsn);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(Chromium.LaunchOptions);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(site.Urls.First() + "/");
        await page.ClickAsync("#checkout");

        var issues = await Eventually.GetAsync(() => server.IssuesAsync(), list => list.Count > 0, what: "the browser error");
        var issue = Assert.Single(issues)!;
        Assert.Contains("Checkout button exploded", issue["title"]!.GetValue<string>());
        var stored = await server.LatestEventAsync(issue["id"]!.GetValue<long>());
        Assert.Equal("javascript", stored["platform"]!.GetValue<string>());
        var userAgent = stored["request"]?["headers"]?.ToJsonString() ?? "";
        Assert.True(stored["contexts"]?["browser"] is not null || userAgent.Contains("Chrome"),
            $"no browser context or User-Agent in {stored.ToJsonString()}");
    }

    [Fact]
    public async Task CorsPreflightFromAnotherOriginIsAllowed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, $"/api/{server.DefaultProject.Id}/envelope/");
        request.Headers.Add("Origin", "http://shop.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-sentry-auth");
        using var response = await server.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"preflight answered {(int)response.StatusCode}");
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", string.Join(',', response.Headers.GetValues("Access-Control-Allow-Methods")));
        Assert.Contains("x-sentry-auth", string.Join(',', response.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A shop page on its own loopback port that loads the SDK bundle and throws on a click.</summary>
    private static async Task<WebApplication> ShopPageAsync(string dsn)
    {
        var bundle = RepoPaths.ClientFile("browser/dist/sentry-browser.js");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var site = builder.Build();
        var html = $$"""
            <!doctype html>
            <html><head><title>Shop</title><script src="/sentry-browser.js"></script>
            <script>Sentry.init({ dsn: {{JsonValue.Create(dsn).ToJsonString()}}, release: "shop-web@1.0.0", environment: "test" });</script>
            </head><body>
            <button id="checkout" onclick="checkout()">Pay</button>
            <script>function checkout() { throw new Error("Checkout button exploded"); }</script>
            </body></html>
            """;
        site.MapGet("/", () => Results.Content(html, "text/html"));
        site.MapGet("/sentry-browser.js", () => Results.File(bundle, "text/javascript"));
        await site.StartAsync();
        return site;
    }
}
