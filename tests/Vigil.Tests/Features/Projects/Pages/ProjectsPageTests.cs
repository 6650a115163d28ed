using Microsoft.Playwright;
using Vigil.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Tests.Features.Projects.Pages;

public sealed class ProjectsPageTests(VigilServerFixture server, ChromiumFixture chromium)
    : IClassFixture<VigilServerFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task CreatingAProjectOpensItsSettingsWithANewDsn()
    {
        var page = await chromium.SignedInPageAsync(server);
        await page.FillAsync("input[name=Name]", "Shop API");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(server.BaseUrl + "/projects/shop-api/settings");
        await Expect(page.Locator("code.dsn-value")).ToContainTextAsync(server.BaseUrl.Replace("http://", ""));
        await page.GotoAsync("/projects");
        await Expect(page.Locator("table.projects")).ToContainTextAsync("Shop API");
        await Expect(page.Locator("#project-switcher option", new() { HasText = "Shop API" })).ToHaveCountAsync(1);
    }
}
