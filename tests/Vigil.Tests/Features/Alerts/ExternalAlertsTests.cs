using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vigil.Features.Alerts.Delivery;
using Vigil.Tests.Features.Alerts.Support;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Alerts;

/// <summary>POST /api/alerts: raised by application code and scripts with a project key or an API token.</summary>
public sealed class ExternalAlertsTests(AlertsServerFixture server) : IClassFixture<AlertsServerFixture>
{
    [Fact]
    public async Task ASecondAlertWithTheSameDedupKeyIsAnOccurrenceOfTheFirstAndIsNotNotifiedAgain()
    {
        var (project, key) = await server.CreateProjectAsync("External dedup");
        var ops = server.Channels.Add(project.Id, "ops");

        using var first = await server.SendExternalAsync(key.PublicKey, new { dedupKey = "disk:db1", severity = "critical", summary = "disk 95% full", details = new { host = "db1", used = 95 } });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        Assert.False(created["deduplicated"]!.GetValue<bool>());
        using var second = await server.SendExternalAsync(key.PublicKey, new { dedupKey = "disk:db1", severity = "critical", summary = "disk 97% full" });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var repeated = JsonNode.Parse(await second.Content.ReadAsStringAsync())!;
        Assert.True(repeated["deduplicated"]!.GetValue<bool>());
        Assert.Equal(created["id"]!.GetValue<long>(), repeated["id"]!.GetValue<long>());

        var alert = (await server.AlertAsync(created["id"]!.GetValue<long>()))["alert"]!;
        Assert.Equal(2, alert["occurrences"]!.GetValue<long>());
        Assert.Equal("disk 97% full", alert["summary"]!.GetValue<string>());
        Assert.Single(server.Sent.OfKind(ops.Id, NotificationKind.Trigger));
    }

    [Fact]
    public async Task ResolvingByDedupKeyClosesTheAlertAndTheNextTriggerOpensANewOne()
    {
        var (project, key) = await server.CreateProjectAsync("External resolve");
        var ops = server.Channels.Add(project.Id, "ops");
        var id = await server.TriggerExternalAsync(key.PublicKey, "queue:orders", "error", "orders queue backed up");

        using var resolve = await server.SendExternalAsync(key.PublicKey, new { dedupKey = "queue:orders", action = "resolve", summary = "queue drained" });
        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
        var resolved = (await server.AlertAsync(id))["alert"]!;
        Assert.Equal("resolved", resolved["status"]!.GetValue<string>());
        Assert.Equal("queue drained", resolved["resolveReason"]!.GetValue<string>());
        Assert.Single(server.Sent.OfKind(ops.Id, NotificationKind.Resolve));

        var again = await server.TriggerExternalAsync(key.PublicKey, "queue:orders", "error", "orders queue backed up again");
        Assert.NotEqual(id, again);
    }

    [Fact]
    public async Task AnApiTokenNamesTheProjectInTheBody()
    {
        var (project, _) = await server.CreateProjectAsync("External token");
        using var response = await server.Api.Http.PostAsJsonAsync("/api/alerts", new { project = project.Slug, dedupKey = "backup", severity = "warning", summary = "nightly backup failed" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var alert = Assert.Single(await server.AlertsAsync(project.Slug))!;
        Assert.Equal("warning", alert["severity"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"severity":"critical","summary":"x"}""", "dedupKey")]
    [InlineData("""{"dedupKey":"k","severity":"urgent","summary":"x"}""", "severity")]
    [InlineData("""{"dedupKey":"k","severity":"critical"}""", "summary")]
    [InlineData("""{"dedupKey":"k","severity":"critical","summary":"x","action":"explode"}""", "action")]
    [InlineData("""{"dedupKey":"k","severity":"critical","summary":"x","details":{"a":{"b":1}}}""", "details.a")]
    [InlineData("""{"dedupKey":""", "JSON")]
    public async Task BadInputIsA400NamingTheField(string body, string field)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/alerts") { Content = new StringContent(body, new MediaTypeHeaderValue("application/json")) };
        request.Headers.Add("X-Vigil-Key", server.DefaultKey.PublicKey);
        using var response = await server.Http.SendAsync(request);
        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task WithoutAKeyTheAnswerIs401()
    {
        using var response = await server.Http.PostAsJsonAsync("/api/alerts", new { dedupKey = "k", severity = "info", summary = "x" });
        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "key");
    }
}
