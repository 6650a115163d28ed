using Microsoft.Playwright;
using Vigil.Features.Errors.Issues;
using Vigil.Features.Errors.Storage;
using Vigil.Features.Projects;
using Vigil.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Tests.Features.Errors.Pages;

public sealed class IssuesPageTests(VigilServerFixture server, ChromiumFixture chromium)
    : IClassFixture<VigilServerFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task TheListFiltersByStatusLevelEnvironmentAndSearch()
    {
        var (project, key) = await server.CreateProjectAsync("Filters");
        await SendAsync(key, "Payment declined by the bank", "error", "production");
        await SendAsync(key, "Disk almost full", "warning", "staging");
        var resolved = await SendAsync(key, "Cache warm-up failed", "error", "production");
        await server.Service<IssueService>().ChangeStatusAsync(resolved, new IssueService.StatusChange(IssueStatus.Resolved));
        var page = await chromium.SignedInPageAsync(server);

        await page.GotoAsync($"/projects/{project.Slug}/issues");
        await ExpectTitlesAsync(page, "Disk almost full", "Payment declined by the bank");

        await page.SelectOptionAsync("select[name=level]", "warning");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("level=warning"));
        await ExpectTitlesAsync(page, "Disk almost full");

        await page.GotoAsync($"/projects/{project.Slug}/issues");
        await page.SelectOptionAsync("select[name=environment]", "production");
        await ExpectTitlesAsync(page, "Payment declined by the bank");

        await page.GotoAsync($"/projects/{project.Slug}/issues");
        await page.FillAsync("input[name=q]", "payment");
        await page.PressAsync("input[name=q]", "Enter");
        await ExpectTitlesAsync(page, "Payment declined by the bank");

        await page.GetByRole(AriaRole.Link, new() { Name = "resolved", Exact = true }).ClickAsync();
        Assert.Contains("status=resolved", page.Url);
        await ExpectTitlesAsync(page);

        await page.GotoAsync($"/projects/{project.Slug}/issues?q=is:resolved");
        await ExpectTitlesAsync(page, "Cache warm-up failed");
        await Expect(page.Locator("tr.issue .badge.status")).ToHaveTextAsync("resolved");

        await page.GotoAsync($"/projects/{project.Slug}/issues?status=all&level=error");
        await ExpectTitlesAsync(page, "Cache warm-up failed", "Payment declined by the bank");
    }

    [Fact]
    public async Task TheListShowsTwentyFiveIssuesAPageWithPreviousAndNextLinks()
    {
        var (project, key) = await server.CreateProjectAsync("Paging");
        for (var i = 0; i < 27; i++)
            await SendAsync(key, $"Failure number {i:00}", "error", "production");
        var page = await chromium.SignedInPageAsync(server);

        await page.GotoAsync($"/projects/{project.Slug}/issues?sort=first_seen");
        await Expect(page.Locator("tr.issue")).ToHaveCountAsync(25);
        await Expect(page.Locator(".pager")).ToContainTextAsync("1–25 of 27");
        await Expect(page.Locator("a[rel=prev]")).ToHaveCountAsync(0);

        await page.Locator("a[rel=next]").ClickAsync();
        Assert.Contains("sort=first_seen", page.Url);
        await Expect(page.Locator("tr.issue")).ToHaveCountAsync(2);
        await Expect(page.Locator(".pager")).ToContainTextAsync("26–27 of 27");
        await Expect(page.Locator("a[rel=next]")).ToHaveCountAsync(0);
        await page.Locator("a[rel=prev]").ClickAsync();
        await Expect(page.Locator("tr.issue")).ToHaveCountAsync(25);
    }

    [Fact]
    public async Task EventDataIsShownAsTextNeverAsMarkup()
    {
        var (project, key) = await server.CreateProjectAsync("Escaping");
        await SendAsync(key, "<img src=x onerror=\"document.body.dataset.pwned=1\">", "error", "<b>env</b>");
        var page = await chromium.SignedInPageAsync(server);

        await page.GotoAsync($"/projects/{project.Slug}/issues");
        await Expect(page.Locator("tr.issue a.title")).ToContainTextAsync("<img src=x");
        await page.Locator("tr.issue a.title").ClickAsync();
        await Expect(page.Locator("h1 .issue-title")).ToContainTextAsync("<img src=x");

        Assert.Equal(0, await page.Locator("main img").CountAsync());
        Assert.Null(await page.EvaluateAsync<string?>("document.body.dataset.pwned ?? null"));
    }

    private async Task<long> SendAsync(ProjectKey key, string message, string level, string environment)
    {
        var ev = SentryPayloads.Message(message);
        ev["level"] = level;
        ev["environment"] = environment;
        // Message grouping ignores numbers ("Failure number 07"); a fingerprint makes each message its own issue.
        ev["fingerprint"] = new System.Text.Json.Nodes.JsonArray(message);
        using var response = await server.SendEventAsync(ev, key);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var stored = await server.Service<IssueStore>().FindEventAsync(key.ProjectId, SentryPayloads.EventIdOf(ev));
        return stored?.IssueId ?? throw new InvalidOperationException($"Event '{message}' was acknowledged but not stored.");
    }

    private static async Task ExpectTitlesAsync(IPage page, params string[] titles)
    {
        // In display order: newest first, the list's default sort being last seen.
        if (titles.Length == 0)
            await Expect(page.Locator("tr.issue")).ToHaveCountAsync(0);
        else
            await Expect(page.Locator("tr.issue a.title")).ToHaveTextAsync(titles);
    }
}
