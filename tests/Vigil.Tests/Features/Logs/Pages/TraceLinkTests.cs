using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Vigil.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Tests.Features.Logs.Pages;

/// <summary>From an error event to the logs of its trace, and from a log event back to the errors of that trace.</summary>
public sealed class TraceLinkTests(VigilServerFixture server, ChromiumFixture chromium)
    : IClassFixture<VigilServerFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task TheTraceLinkOnAnErrorEventLandsOnItsLogsAndLeadsBack()
    {
        var (project, key) = await server.CreateProjectAsync("Traces");
        var traceId = Guid.NewGuid().ToString("N");
        var error = SentryPayloads.Exception("CardDeclinedException", "card declined for order 41");
        error["contexts"] = new JsonObject { ["trace"] = new JsonObject { ["trace_id"] = traceId, ["span_id"] = "b7ad6b7169203331" } };
        await server.AcceptAsync(error, key);
        await LogSender.SendAsync(server, key,
            LogSender.Line("info", "charging order 41", new { trace_id = traceId }),
            LogSender.Line("info", "charging order 42", new { trace_id = Guid.NewGuid().ToString("N") }));
        var issueId = await server.SingleIssueIdAsync(project.Slug);

        var page = await chromium.SignedInPageAsync(server);
        await page.GotoAsync($"/issues/{issueId}");
        await page.ClickAsync("a.logs-link");
        await Expect(page).ToHaveURLAsync(new Regex($"/projects/{Regex.Escape(project.Slug)}/logs\\?"));
        await Expect(page.Locator("#q")).ToHaveValueAsync($"@trace_id = '{traceId}'");
        await Expect(page.Locator(".log-row")).ToHaveCountAsync(1);
        await Expect(page.Locator(".log-row .log-message")).ToHaveTextAsync("charging order 41");

        await page.Locator(".log-row .log-head").ClickAsync();
        await LogsPageTests.ScreenshotAsync(page, "trace");
        await page.ClickAsync(".log-details a.errors-link");
        await Expect(page.Locator("h1")).ToContainTextAsync(traceId);
        var ev = page.Locator("table.trace-events a.title");
        await Expect(ev).ToHaveCountAsync(1);
        await ev.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/issues/{issueId}\\?event=\\d+$"));
        await Expect(page.Locator(".exception .value").First).ToHaveTextAsync("card declined for order 41");
    }

    [Fact]
    public async Task AnErrorEventWithOnlyARequestIdLinksToTheLogsOfThatRequest()
    {
        var (project, key) = await server.CreateProjectAsync("Requests");
        var error = SentryPayloads.Exception("TimeoutException", "inventory timed out");
        error["tags"] = new JsonObject { ["request_id"] = "req-5150" };
        await server.AcceptAsync(error, key);
        await LogSender.SendAsync(server, key,
            LogSender.Line("warning", "inventory slow", new { request_id = "req-5150" }),
            LogSender.Line("info", "inventory fine", new { request_id = "req-5151" }));
        var issueId = await server.SingleIssueIdAsync(project.Slug);

        var page = await chromium.SignedInPageAsync(server);
        await page.GotoAsync($"/issues/{issueId}");
        await Expect(page.Locator("a.logs-link")).ToHaveTextAsync("Logs for this request");
        await page.ClickAsync("a.logs-link");
        await Expect(page.Locator("#q")).ToHaveValueAsync("@request_id = 'req-5150'");
        await Expect(page.Locator(".log-row .log-message")).ToHaveTextAsync("inventory slow");
    }
}
