using System.Net.Http.Json;
using Vigil.Features.Alerts.Delivery;
using Vigil.Tests.Features.Alerts.Support;

namespace Vigil.Tests.Features.Alerts;

/// <summary>Grouping, silences and the per-channel rate limit: alerts are always recorded, notifications are shaped.</summary>
public sealed class GroupingAndLimitsTests(AlertsServerFixture server) : IClassFixture<AlertsServerFixture>
{
    [Fact]
    public async Task TwoAlertsOfOneGroupAfterTheFirstNotificationGoOutTogetherInOneNotification()
    {
        var (project, key) = await server.CreateProjectAsync("Grouping");
        var chat = server.Channels.Add(project.Id, "chat");
        await SendAsync(key.PublicKey, "node:1", "checkout");
        await SendAsync(key.PublicKey, "node:2", "checkout");
        await SendAsync(key.PublicKey, "node:3", "checkout");
        Assert.Single(server.Sent.To(chat.Id));

        server.Clock.Advance(TimeSpan.FromSeconds(61));
        await server.RunWorkerAsync();

        var sent = server.Sent.To(chat.Id);
        Assert.Equal(2, sent.Count);
        Assert.Equal(2, sent[1].AlertIds.Count);
        Assert.Contains("2 alerts", sent[1].Title);
    }

    [Fact]
    public async Task ASilencedAlertIsRecordedWithTheSilenceButNotNotifiedUntilTheSilenceEnds()
    {
        var (project, key) = await server.CreateProjectAsync("Silences");
        var chat = server.Channels.Add(project.Id, "chat");
        var silence = await server.PostJsonAsync($"/api/projects/{project.Slug}/silences", new
        {
            matchers = new[] { new { name = "dedup_key", op = "=~", value = "deploy:.*" }, new { name = "severity", op = "!=", value = "critical" } },
            minutes = 30,
            reason = "deploy window",
        });
        var silenced = await SendAsync(key.PublicKey, "deploy:web", null, "warning");
        var loud = await SendAsync(key.PublicKey, "deploy:db", null, "critical");

        Assert.Equal([loud], server.Sent.To(chat.Id).SelectMany(s => s.AlertIds));
        var history = (await server.AlertAsync(silenced))["history"]!.AsArray();
        var entry = history.Single(e => e!["kind"]!.GetValue<string>() == "silenced")!;
        Assert.Contains($"#{silence["id"]}", entry["detail"]!.GetValue<string>());
        Assert.Contains("deploy window", entry["detail"]!.GetValue<string>());

        server.Clock.Advance(TimeSpan.FromMinutes(31));
        await server.RunWorkerAsync();
        Assert.Contains(silenced, server.Sent.To(chat.Id).SelectMany(s => s.AlertIds));
    }

    [Fact]
    public async Task AnExpiredSilenceStopsApplying()
    {
        var (project, key) = await server.CreateProjectAsync("Expired silence");
        var chat = server.Channels.Add(project.Id, "chat");
        var silence = await server.PostJsonAsync($"/api/projects/{project.Slug}/silences", new
        {
            matchers = new[] { new { name = "source", op = "=", value = "api" } }, minutes = 60, reason = "maintenance",
        });
        await server.PostJsonAsync($"/api/silences/{silence["id"]}/expire", new { });
        var id = await SendAsync(key.PublicKey, "after", null);
        Assert.Equal([id], server.Sent.To(chat.Id).SelectMany(s => s.AlertIds));
    }

    [Fact]
    public async Task NotificationsBeyondTheChannelsHourlyLimitAreSuppressedAndTheSuppressionIsRecorded()
    {
        var (project, key) = await server.CreateProjectAsync("Rate limit");
        var chat = server.Channels.Add(project.Id, "chat");
        await server.RouteAsync(project.Slug, 240, 2, ([chat.Id], 0));
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
            ids.Add(await SendAsync(key.PublicKey, $"limit:{i}", null));

        Assert.Equal(2, server.Sent.To(chat.Id).Count);
        var history = (await server.AlertAsync(ids[2]))["history"]!.AsArray();
        var suppressed = history.Single(e => e!["kind"]!.GetValue<string>() == "suppressed")!;
        Assert.Contains("limit of 2 notifications per hour", suppressed["detail"]!.GetValue<string>());
        Assert.Equal(3, (await server.AlertsAsync(project.Slug)).Count);
    }

    private async Task<long> SendAsync(string key, string dedupKey, string? group, string severity = "error")
    {
        using var response = await server.SendExternalAsync(key, new { dedupKey, severity, summary = $"{dedupKey} failing", group });
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        Assert.True(response.IsSuccessStatusCode, body?.ToJsonString());
        return body!["id"]!.GetValue<long>();
    }
}
