using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vigil.Features.Projects;
using Vigil.Tests.Support;
using static Vigil.Tests.Support.SentryPayloads;

namespace Vigil.Tests.Features.Projects;

/// <summary>Ingest keys made and revoked through the management API take effect on ingest.</summary>
public sealed class ProjectKeysTests(VigilServerFixture server) : IClassFixture<VigilServerFixture>
{
    [Fact]
    public async Task RevokedKeyIsForbiddenAndOtherKeysStillWork()
    {
        var key = await CreateKeyAsync("to revoke");
        await server.AcceptAsync(Exception("BeforeRevoke", "ok"), key);

        using (var revoke = await server.Api.Http.PostAsync($"/api/projects/{server.DefaultProject.Slug}/keys/{key.Id}/revoke", null))
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        using var after = await server.SendEventAsync(Exception("AfterRevoke", "refused"), key);
        await ProblemAssert.IsAsync(after, HttpStatusCode.Forbidden, "revoked");
        await server.AcceptAsync(Exception("OtherKey", "still fine"));
    }

    [Fact]
    public async Task ProjectCreatedThroughTheApiHasADsnThatIngests()
    {
        using var created = await server.Api.Http.PostAsJsonAsync("/api/projects", new { name = "Made by API" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var project = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var dsn = new Uri(project["dsn"]!.GetValue<string>());
        Assert.Equal(new Uri(server.BaseUrl).Authority, dsn.Authority);
        var key = new ProjectKey(0, project["id"]!.GetValue<long>(), dsn.UserInfo, "", 0, null);
        await server.AcceptAsync(Exception("ViaNewDsn", "hello"), key);
        Assert.Single(await server.IssuesAsync(project["slug"]!.GetValue<string>()));
    }

    private async Task<ProjectKey> CreateKeyAsync(string label)
    {
        using var response = await server.Api.Http.PostAsJsonAsync($"/api/projects/{server.DefaultProject.Slug}/keys", new { label });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var view = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return new ProjectKey(view["id"]!.GetValue<long>(), server.DefaultProject.Id, view["publicKey"]!.GetValue<string>(), label, 0, null);
    }
}
