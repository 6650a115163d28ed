using System.Net;
using Microsoft.Playwright;
using Vigil.Features.Projects.Storage;
using Vigil.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Tests.Features.Projects.Pages;

public sealed class SettingsPageTests(VigilServerFixture server, ChromiumFixture chromium)
    : IClassFixture<VigilServerFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task TheSettingsPageShowsTheDsnWithACopyButtonAndSnippetsThatUseIt()
    {
        var page = await chromium.SignedInPageAsync(server);
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);

        await page.GotoAsync($"/projects/{server.DefaultProject.Slug}/settings");
        await Expect(page.Locator("code.dsn-value")).ToHaveTextAsync(server.Dsn);
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copied" })).ToBeVisibleAsync();
        Assert.Equal(server.Dsn, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));
        foreach (var snippet in new[] { $"o.Dsn = \"{server.Dsn}\"", $"Sentry.init({{ dsn: \"{server.Dsn}\" }})", $"sentry_sdk.init(dsn=\"{server.Dsn}\")" })
            await Expect(page.Locator("pre.snippet", new() { HasText = snippet }).First).ToBeVisibleAsync();
        await ChromiumFixture.ScreenshotAsync(page, "settings");
    }

    [Fact]
    public async Task SavedIngestSettingsAreStoredAndShownAgain()
    {
        var (project, _) = await server.CreateProjectAsync("Settings form");
        var page = await chromium.SignedInPageAsync(server);
        await page.GotoAsync($"/projects/{project.Slug}/settings");

        await page.UncheckAsync("input[name=scrubPii]");
        await page.FillAsync("input[name=extraFields]", "iban, national_id");
        await page.FillAsync("input[name=rateLimit]", "120");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Settings saved.");
        await Expect(page.Locator("input[name=rateLimit]")).ToHaveValueAsync("120");
        await Expect(page.Locator("input[name=scrubPii]")).Not.ToBeCheckedAsync();
        var stored = (await server.Service<ProjectStore>().FindAsync(project.Id))!.Settings;
        Assert.False(stored.ScrubPii);
        Assert.Equal(120, stored.RateLimitPerMinute);
        Assert.Equal(["iban", "national_id"], stored.ScrubExtraFields);
    }

    [Fact]
    public async Task ARevokedKeyIsMarkedAndIngestRejectsIt()
    {
        var (project, key) = await server.CreateProjectAsync("Revocation");
        var page = await chromium.SignedInPageAsync(server);
        await page.GotoAsync($"/projects/{project.Slug}/settings");
        await page.FillAsync("input[name=label]", "frontend");
        await page.GetByRole(AriaRole.Button, new() { Name = "New key" }).ClickAsync();
        await Expect(page.Locator("code.dsn-value")).ToHaveCountAsync(2);

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.Locator("tr", new() { HasText = "Default" }).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Key revoked");
        await Expect(page.Locator("code.dsn-value")).ToHaveCountAsync(1);
        await Expect(page.Locator("tr", new() { HasText = "Default" }).Locator(".badge")).ToHaveTextAsync("revoked");
        using var response = await server.SendEventAsync(SentryPayloads.Message("after revocation"), key);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
