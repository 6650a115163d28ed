using Vigil.Tests.Features.Alerts.Support;

namespace Vigil.Tests.Features.Alerts;

/// <summary>The noise report's numbers on a seeded history.</summary>
public sealed class NoiseReportTests(AlertsServerFixture server) : IClassFixture<AlertsServerFixture>
{
    [Fact]
    public async Task TheReportCountsAlertsPerWeekTheShareAcknowledgedAndTheMedianTimeToAcknowledgeAndFlagsTheNeverActedOn()
    {
        var (project, key) = await server.CreateProjectAsync("Noise");
        for (var i = 0; i < 12; i++)
            await SendAsync(key.PublicKey, $"cron:{i}", "cron");
        var payments = new List<long>();
        for (var i = 0; i < 4; i++)
            payments.Add(await SendAsync(key.PublicKey, $"payments:{i}", "payments"));
        server.Clock.Advance(TimeSpan.FromMinutes(10));
        await server.PostJsonAsync($"/api/alerts/{payments[0]}/acknowledge", new { });
        server.Clock.Advance(TimeSpan.FromMinutes(20));
        await server.PostJsonAsync($"/api/alerts/{payments[1]}/acknowledge", new { });

        var report = await server.GetJsonAsync($"/api/projects/{project.Slug}/alerts/noise?weeks=4");

        var rows = report["rules"]!.AsArray();
        var cron = rows.Single(r => r!["name"]!.GetValue<string>() == "external (cron)")!;
        Assert.Equal(12, cron["alerts"]!.GetValue<int>());
        Assert.Equal(3, cron["perWeek"]!.GetValue<double>());
        Assert.Equal(0, cron["acknowledgedShare"]!.GetValue<double>());
        Assert.Null(cron["medianMinutesToAcknowledge"]);
        Assert.Equal([0, 0, 0, 12], cron["byWeek"]!.AsArray().Select(n => n!.GetValue<int>()));
        var pay = rows.Single(r => r!["name"]!.GetValue<string>() == "external (payments)")!;
        Assert.Equal(0.5, pay["acknowledgedShare"]!.GetValue<double>());
        Assert.Equal(20, pay["medianMinutesToAcknowledge"]!.GetValue<double>());
        Assert.False(pay["neverActedOn"]!.GetValue<bool>());
        Assert.Equal(["external (cron)"], report["noisy"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()));
    }

    private async Task<long> SendAsync(string key, string dedupKey, string source)
    {
        using var response = await server.SendExternalAsync(key, new { dedupKey, severity = "warning", summary = dedupKey, source });
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return body["id"]!.GetValue<long>();
    }
}
