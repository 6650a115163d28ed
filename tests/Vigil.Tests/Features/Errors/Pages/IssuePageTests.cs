using Microsoft.Playwright;
using Vigil.Features.Projects;
using Vigil.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Tests.Features.Errors.Pages;

/// <summary>Issues sent by the real @sentry/node SDK, as a person sees and handles them in the browser.</summary>
public sealed class IssuePageTests(VigilServerFixture server, ChromiumFixture chromium)
    : IClassFixture<VigilServerFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task AnErrorFromTheNodeSdkShowsItsStackTraceWithInAppFramesAndTheContextLine()
    {
        await NodeClients.RunAsync("send-node-error.mjs", server.Dsn, "card missing for order 17", "shop@1.0.0");
        var page = await chromium.SignedInPageAsync(server);

        await page.GotoAsync($"/projects/{server.DefaultProject.Slug}/issues");
        var row = page.Locator("tr.issue", new() { HasText = "card missing for order 17" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator(".culprit")).ToContainTextAsync("chargeCard");
        await ChromiumFixture.ScreenshotAsync(page, "issues");

        await row.Locator("a.title").ClickAsync();
        await Expect(page.Locator(".exception .type").First).ToHaveTextAsync("Error");
        await Expect(page.Locator(".exception .value").First).ToHaveTextAsync("card missing for order 17");
        var throwing = page.Locator(".frame.in-app").First;
        await Expect(throwing.Locator("summary .fn")).ToHaveTextAsync("chargeCard");
        await Expect(throwing.Locator(".source .error-line")).ToContainTextAsync("throw new Error(message);");
        await Expect(page.Locator(".frame.in-app .fn", new() { HasText = "checkout" })).ToHaveCountAsync(1);
        await Expect(page.Locator("table.breadcrumbs")).ToContainTextAsync("checkout started");
        await Expect(page.Locator("section.tags")).ToContainTextAsync("eu-west-1");
        await Expect(page.Locator("table.releases")).ToContainTextAsync("shop@1.0.0");
        await Expect(page.Locator("svg[role=img] title").First).ToContainTextAsync("events");
        await ChromiumFixture.ScreenshotAsync(page, "issue");
    }

    [Fact]
    public async Task ResolvingAnIssueThenReceivingTheErrorAgainShowsItRegressed()
    {
        var (project, key) = await server.CreateProjectAsync("Regressions");
        var dsn = Dsn.Build(server.BaseUrl, key.PublicKey, project.Id);
        await NodeClients.RunAsync("send-node-error.mjs", dsn, "stock went negative", "shop@2.0.0");
        var page = await chromium.SignedInPageAsync(server);
        await page.GotoAsync($"/projects/{project.Slug}/issues");
        await page.Locator("tr.issue a.title", new() { HasText = "stock went negative" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Resolve", Exact = true }).ClickAsync();
        await Expect(page.Locator(".issue-head .badge.status")).ToHaveTextAsync("resolved");
        await page.GotoAsync($"/projects/{project.Slug}/issues");
        await Expect(page.Locator("tr.issue")).ToHaveCountAsync(0);

        await NodeClients.RunAsync("send-node-error.mjs", dsn, "stock went negative", "shop@2.0.1");
        await page.ReloadAsync();
        var row = page.Locator("tr.issue", new() { HasText = "stock went negative" });
        await Expect(row.Locator(".badge.regressed")).ToHaveTextAsync("regressed");
        await Expect(row.Locator(".badge.status")).ToHaveTextAsync("unresolved");
    }

    [Fact]
    public async Task IgnoringUntilMoreEventsAndReopeningChangeTheStatus()
    {
        var (project, key) = await server.CreateProjectAsync("Ignoring");
        await NodeClients.RunAsync("send-node-error.mjs", Dsn.Build(server.BaseUrl, key.PublicKey, project.Id), "queue is full");
        var page = await chromium.SignedInPageAsync(server);
        await page.GotoAsync($"/projects/{project.Slug}/issues");
        await page.Locator("tr.issue a.title").First.ClickAsync();

        await page.SelectOptionAsync("select[name=ignore]", "10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ignore" }).ClickAsync();
        await Expect(page.Locator(".issue-head")).ToContainTextAsync("ignored until 11 events (10 more)");

        await page.GetByRole(AriaRole.Button, new() { Name = "Reopen" }).ClickAsync();
        await Expect(page.Locator(".issue-head .badge.status")).ToHaveTextAsync("unresolved");
    }
}
