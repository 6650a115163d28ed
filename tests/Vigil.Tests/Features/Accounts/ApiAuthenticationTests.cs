using System.Net;
using System.Net.Http.Headers;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Accounts;

public sealed class ApiAuthenticationTests(VigilServerFixture server) : IClassFixture<VigilServerFixture>
{
    [Theory]
    [InlineData("/api/projects")]
    [InlineData("/api/projects/default/issues")]
    public async Task ManagementApiWithoutATokenIsUnauthorizedJson(string path)
    {
        using var response = await server.Http.GetAsync(path);
        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "Authentication required");
    }

    [Fact]
    public async Task UnknownTokenIsUnauthorized()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/projects");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "vgl_not-a-real-token");
        using var response = await server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ValidTokenReadsProjects()
    {
        var projects = (await server.GetJsonAsync("/api/projects")).AsArray();
        Assert.Contains(projects, p => p!["slug"]!.GetValue<string>() == server.DefaultProject.Slug);
    }
}
