using System.Net;
using Microsoft.Playwright;
using Vigil.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Tests.Features.Accounts.Pages;

public sealed class LoginPageTests(VigilServerFixture server, ChromiumFixture chromium)
    : IClassFixture<VigilServerFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task AWrongPasswordShowsTheErrorWithTheFormAndStatus200()
    {
        var page = await chromium.NewPageAsync(server.BaseUrl);
        await page.GotoAsync("/login");
        var response = await page.RunAndWaitForResponseAsync(
            () => ChromiumFixture.SubmitSignInAsync(page, "not-the-password"), r => r.Url.Contains("/login") && r.Request.Method == "POST");

        Assert.Equal(200, response.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong email or password");
        await Expect(page.Locator("input[name=Password]")).ToBeVisibleAsync();
        await Expect(page.Locator("input[name=Email]")).ToHaveValueAsync("admin@vigil.local");
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "vigil_auth");
    }

    [Fact]
    public async Task TheRightPasswordLandsOnTheProjects()
    {
        var page = await chromium.NewPageAsync(server.BaseUrl);
        await page.GotoAsync("/login");
        await ChromiumFixture.SubmitSignInAsync(page);

        await Expect(page).ToHaveURLAsync(server.BaseUrl + "/projects");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Projects" })).ToBeVisibleAsync();
        await Expect(page.Locator("table.projects")).ToContainTextAsync("Default");
    }

    [Fact]
    public async Task APageOpenedSignedOutReturnsThereAfterSigningIn()
    {
        var page = await chromium.NewPageAsync(server.BaseUrl);
        await page.GotoAsync($"/projects/{server.DefaultProject.Slug}/settings");
        Assert.Contains("/login?ReturnUrl=", page.Url);

        await ChromiumFixture.SubmitSignInAsync(page);

        await Expect(page).ToHaveURLAsync($"{server.BaseUrl}/projects/{server.DefaultProject.Slug}/settings");
    }

    [Fact]
    public async Task SigningOutEndsTheSession()
    {
        var page = await chromium.SignedInPageAsync(server);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login$"));

        await page.GotoAsync("/projects");
        Assert.Contains("/login?ReturnUrl=%2Fprojects", page.Url);
    }

    [Fact]
    public async Task AnotherSitesReturnUrlIsIgnored()
    {
        var page = await chromium.NewPageAsync(server.BaseUrl);
        await page.GotoAsync("/login?ReturnUrl=https%3A%2F%2Fevil.example%2F");
        await ChromiumFixture.SubmitSignInAsync(page);

        await Expect(page).ToHaveURLAsync(server.BaseUrl + "/projects");
        Assert.StartsWith(server.BaseUrl, page.Url);
    }

    [Fact]
    public async Task ALoginPostWithoutTheAntiforgeryTokenIsRejected()
    {
        using var response = await server.Http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "admin@vigil.local",
            ["Password"] = VigilServerFixture.AdminPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
