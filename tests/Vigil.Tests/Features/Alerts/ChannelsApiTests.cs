using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Vigil.Tests.Features.Alerts;

public sealed class ChannelsApiTests(AlertsServer server) : IClassFixture<AlertsServer>
{
    [Fact]
    public async Task AnUnknownKindIsABadRequestListingTheKinds()
    {
        using var response = await server.Api.Http.PostAsJsonAsync($"/api/projects/{server.DefaultProject.Slug}/channels",
            new JsonObject { ["name"] = "x", ["kind"] = "carrier-pigeon", ["options"] = new JsonObject() });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var message = problem["errors"]!["kind"]![0]!.GetValue<string>();
        foreach (var kind in new[] { "email", "webhook", "slack", "teams", "pagerduty" })
            Assert.Contains(kind, message);
    }

    [Fact]
    public async Task InvalidOptionsAreABadRequestNamingTheField()
    {
        using var response = await server.Api.Http.PostAsJsonAsync($"/api/projects/{server.DefaultProject.Slug}/channels",
            new JsonObject { ["name"] = "bad", ["kind"] = "email", ["options"] = new JsonObject { ["host"] = "smtp.test", ["from"] = "not-an-address", ["to"] = new JsonArray("ops@example.com"), ["port"] = 70000 } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.NotNull(errors["options.from"]);
        Assert.NotNull(errors["options.port"]);
    }

    [Fact]
    public async Task AMissingRequiredOptionIsNamed()
    {
        using var response = await server.Api.Http.PostAsJsonAsync($"/api/projects/{server.DefaultProject.Slug}/channels",
            new JsonObject { ["name"] = "no url", ["kind"] = "webhook", ["options"] = new JsonObject { ["url"] = "file:///etc/passwd" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!["options.url"]);
    }

    [Fact]
    public async Task AChannelCanBeListedChangedAndDeleted()
    {
        var id = await server.CreateChannelAsync("webhook", new JsonObject { ["url"] = "http://127.0.0.1:9/x" }, "ops hook");
        var listed = (await server.GetJsonAsync($"/api/projects/{server.DefaultProject.Slug}/channels")).AsArray();
        Assert.Contains(listed, c => c!["id"]!.GetValue<long>() == id && c["name"]!.GetValue<string>() == "ops hook");
        using var put = await server.Api.Http.PutAsJsonAsync($"/api/channels/{id}", new JsonObject { ["enabled"] = false, ["options"] = new JsonObject { ["url"] = "http://127.0.0.1:9/y" } });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        var changed = await server.GetJsonAsync($"/api/channels/{id}");
        Assert.False(changed["enabled"]!.GetValue<bool>());
        Assert.Equal("ops hook", changed["name"]!.GetValue<string>());
        using var delete = await server.Api.Http.DeleteAsync($"/api/channels/{id}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var gone = await server.Api.Http.GetAsync($"/api/channels/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task AnUpdateWithoutOptionsKeepsThemAll()
    {
        var id = await server.CreateChannelAsync("pagerduty", new JsonObject { ["routingKey"] = "pd-routing-key-000011112222", ["url"] = "http://127.0.0.1:9/pd" });
        using var put = await server.Api.Http.PutAsJsonAsync($"/api/channels/{id}", new JsonObject { ["name"] = "pager renamed" });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        var options = (await server.GetJsonAsync($"/api/channels/{id}"))["options"]!;
        Assert.Equal("http://127.0.0.1:9/pd", options["url"]!.GetValue<string>());
        Assert.Equal("••••2222", options["routingKey"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheApiNeedsAToken()
    {
        using var response = await server.Http.GetAsync($"/api/projects/{server.DefaultProject.Slug}/channels");
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Redirect, HttpStatusCode.Found });
    }
}
