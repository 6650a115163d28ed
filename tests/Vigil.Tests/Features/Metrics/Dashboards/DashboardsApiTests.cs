using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Metrics.Dashboards;

/// <summary>/api/projects/{slug}/dashboards and /api/dashboards/{id}, as a script with a token uses them.</summary>
public sealed class DashboardsApiTests(VigilServerFixture server) : IClassFixture<VigilServerFixture>
{
    private static object Chart(string metric, string aggregation = "p99") => new
    {
        title = "",
        metric,
        aggregation,
        filters = new[] { "route:/checkout" },
        groupBy = new[] { "region" },
        compareWeek = true,
    };

    [Fact]
    public async Task ADashboardKeepsItsChartsRangeAndRefreshAndBelongsToItsProject()
    {
        var (project, _) = await server.CreateProjectAsync("Dashboards");
        var (other, _) = await server.CreateProjectAsync("Other dashboards");
        using var created = await server.Api.Http.PostAsJsonAsync($"/api/projects/{project.Slug}/dashboards",
            new { name = "Checkout", charts = new[] { Chart("checkout.duration") }, range = "24h", refreshSeconds = 30 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();

        var read = await server.GetJsonAsync($"/api/dashboards/{id}");
        Assert.Equal("Checkout", read["name"]!.GetValue<string>());
        Assert.Equal("24h", read["range"]!.GetValue<string>());
        Assert.Equal(30, read["refreshSeconds"]!.GetValue<int>());
        var chart = read["charts"]!.AsArray().Single()!;
        Assert.Equal("p99(checkout.duration)", chart["title"]!.GetValue<string>());
        Assert.Equal("route:/checkout", chart["filters"]![0]!.GetValue<string>());
        Assert.Equal("region", chart["groupBy"]![0]!.GetValue<string>());
        Assert.True(chart["compareWeek"]!.GetValue<bool>());
        Assert.Single((await server.GetJsonAsync($"/api/projects/{project.Slug}/dashboards")).AsArray());
        Assert.Empty((await server.GetJsonAsync($"/api/projects/{other.Slug}/dashboards")).AsArray());
    }

    [Fact]
    public async Task UpdatingADashboardReplacesItsChartsAndDeletingItRemovesIt()
    {
        var (project, _) = await server.CreateProjectAsync("Dashboard edits");
        using var created = await server.Api.Http.PostAsJsonAsync($"/api/projects/{project.Slug}/dashboards",
            new { name = "Ops", charts = new[] { Chart("queue.depth", "max") } });
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();

        using var updated = await server.Api.Http.PutAsJsonAsync($"/api/dashboards/{id}",
            new { name = "Ops", charts = new[] { Chart("queue.depth", "max"), Chart("logins", "sum") }, range = "7d", refreshSeconds = 60 });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var read = await server.GetJsonAsync($"/api/dashboards/{id}");
        Assert.Equal(["queue.depth", "logins"], read["charts"]!.AsArray().Select(chart => chart!["metric"]!.GetValue<string>()));
        Assert.Equal("7d", read["range"]!.GetValue<string>());

        using var deleted = await server.Api.Http.DeleteAsync($"/api/dashboards/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await server.Api.Http.GetAsync($"/api/dashboards/{id}");
        await ProblemAssert.IsAsync(gone, HttpStatusCode.NotFound, $"dashboard {id}");
    }

    [Theory]
    [InlineData("{\"name\":\"\"}", "name")]
    [InlineData("{\"name\":\"x\",\"range\":\"3w\"}", "range")]
    [InlineData("{\"name\":\"x\",\"refreshSeconds\":7}", "refreshSeconds")]
    [InlineData("{\"name\":\"x\",\"charts\":[{\"metric\":\"\"}]}", "charts[0].metric")]
    [InlineData("{\"name\":\"x\",\"charts\":[{\"metric\":\"a\",\"aggregation\":\"median\"}]}", "charts[0].aggregation")]
    [InlineData("{\"name\":\"x\",\"charts\":[{\"metric\":\"a\",\"filters\":[\"region\"]}]}", "charts[0].filters")]
    public async Task AnInvalidDashboardIsRefusedNamingTheField(string body, string field)
    {
        using var response = await server.Api.Http.PostAsync($"/api/projects/{server.DefaultProject.Slug}/dashboards",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "");
        Assert.Equal(field, problem["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnUnknownProjectIsNotFound()
    {
        using var response = await server.Api.Http.PostAsJsonAsync("/api/projects/no-such-project/dashboards", new { name = "x" });
        await ProblemAssert.IsAsync(response, HttpStatusCode.NotFound, "no-such-project");
    }
}
