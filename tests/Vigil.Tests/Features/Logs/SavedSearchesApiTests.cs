using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Logs;

/// <summary>GET/POST /api/logs/searches and DELETE /api/logs/searches/{id}, as a script with a token uses them.</summary>
public sealed class SavedSearchesApiTests(VigilServerFixture server) : IClassFixture<VigilServerFixture>
{
    [Fact]
    public async Task ASavedSearchIsListedForItsProjectOnlyAndGoneAfterDeletion()
    {
        var (project, _) = await server.CreateProjectAsync("Saved searches");
        var (other, _) = await server.CreateProjectAsync("Other saved searches");
        using var created = await server.Api.Http.PostAsJsonAsync($"/api/logs/searches?project={project.Slug}",
            new { name = "Slow checkouts", query = "Elapsed > 500 and RequestPath like '/checkout%'" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();

        var listed = Assert.Single((await server.GetJsonAsync($"/api/logs/searches?project={project.Slug}")).AsArray());
        Assert.Equal("Slow checkouts", listed!["name"]!.GetValue<string>());
        Assert.Equal("Elapsed > 500 and RequestPath like '/checkout%'", listed["query"]!.GetValue<string>());
        Assert.Empty((await server.GetJsonAsync($"/api/logs/searches?project={other.Slug}")).AsArray());

        using var deleted = await server.Api.Http.DeleteAsync($"/api/logs/searches/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty((await server.GetJsonAsync($"/api/logs/searches?project={project.Slug}")).AsArray());
        using var again = await server.Api.Http.DeleteAsync($"/api/logs/searches/{id}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task AQueryThatDoesNotParseIsRefusedWithItsPosition()
    {
        using var response = await server.Api.Http.PostAsJsonAsync("/api/logs/searches", new { name = "Broken", query = "status >= " });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(10, problem["position"]!.GetValue<long>());
        Assert.Empty((await server.GetJsonAsync("/api/logs/searches")).AsArray());
    }

    [Fact]
    public async Task ASearchWithoutANameIsRefused()
    {
        using var response = await server.Api.Http.PostAsJsonAsync("/api/logs/searches", new { name = "  ", query = "timeout" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("name", (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task ABrowserSessionWithoutTheCsrfTokenCannotSave()
    {
        // The sign-in cookie alone would let another site's form save; the page must send X-Vigil-Csrf.
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies };
        using var browser = new HttpClient(handler) { BaseAddress = new Uri(server.BaseUrl) };
        var login = await browser.GetStringAsync("/login");
        var token = System.Text.RegularExpressions.Regex.Match(login, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var signIn = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "admin@vigil.local", ["Password"] = VigilServerFixture.AdminPassword, ["__RequestVerificationToken"] = token,
        }));
        Assert.Contains(cookies.GetAllCookies(), c => c.Name == "vigil_auth");

        using var response = await browser.PostAsJsonAsync("/api/logs/searches", new { name = "Forged", query = "timeout" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty((await server.GetJsonAsync("/api/logs/searches")).AsArray());
    }
}
