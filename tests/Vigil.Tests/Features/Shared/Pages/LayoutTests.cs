using System.Net;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Shared.Pages;

/// <summary>What every page relies on: the stylesheet is served, and nothing but /login is open.</summary>
public sealed class LayoutTests(VigilServerFixture server) : IClassFixture<VigilServerFixture>
{
    [Fact]
    public async Task TheStylesheetIsServedFromBesideTheExecutable()
    {
        using var response = await server.Http.GetAsync("/vigil.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(".lvl-error", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/", "/login?ReturnUrl=%2F")]
    [InlineData("/projects", "/login?ReturnUrl=%2Fprojects")]
    [InlineData("/projects/default/issues?status=all", "/login?ReturnUrl=%2Fprojects%2Fdefault%2Fissues%3Fstatus%3Dall")]
    [InlineData("/projects/default/settings", "/login?ReturnUrl=%2Fprojects%2Fdefault%2Fsettings")]
    [InlineData("/issues/1", "/login?ReturnUrl=%2Fissues%2F1")]
    public async Task EveryPageButLoginRedirectsASignedOutVisitorToLogin(string path, string expected)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(server.BaseUrl) };
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task TheLoginPageIsOpenToEveryone()
    {
        using var response = await server.Http.GetAsync("/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("__RequestVerificationToken", await response.Content.ReadAsStringAsync());
    }
}
