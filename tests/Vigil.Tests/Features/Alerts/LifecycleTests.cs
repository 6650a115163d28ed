using System.Net;
using System.Net.Http.Json;
using Vigil.Features.Alerts.Delivery;
using Vigil.Tests.Features.Alerts.Support;

namespace Vigil.Tests.Features.Alerts;

/// <summary>Escalation, repeats, snooze, acknowledgement and resolution, with the clock moved by hand.</summary>
public sealed class LifecycleTests(AlertsServerFixture server) : IClassFixture<AlertsServerFixture>
{
    private async Task<(string Slug, string Key, long Level1, long Level2)> EscalatingProjectAsync(string name, int repeatMinutes = 240)
    {
        var (project, key) = await server.CreateProjectAsync(name);
        var first = server.Channels.Add(project.Id, "on-call");
        var second = server.Channels.Add(project.Id, "team lead");
        await server.RouteAsync(project.Slug, repeatMinutes, null, ([first.Id], 0), ([second.Id], 15));
        return (project.Slug, key.PublicKey, first.Id, second.Id);
    }

    [Fact]
    public async Task AnUnacknowledgedAlertEscalatesToLevelTwoAfterItsDelay()
    {
        var (_, key, level1, level2) = await EscalatingProjectAsync("Escalates");
        var id = await server.TriggerExternalAsync(key, "db:down");
        await server.RunWorkerAsync();
        Assert.Empty(server.Sent.To(level2));

        server.Clock.Advance(TimeSpan.FromMinutes(16));
        await server.RunWorkerAsync();
        await server.RunWorkerAsync();

        var escalation = Assert.Single(server.Sent.To(level2));
        Assert.Equal(NotificationKind.Escalate, escalation.Kind);
        Assert.Equal([id], escalation.AlertIds);
        Assert.Single(server.Sent.To(level1));
        Assert.Contains("escalated", await server.HistoryAsync(id));
    }

    [Fact]
    public async Task AnAcknowledgedAlertDoesNotEscalateAndTheNotifiedChannelsHearOfTheAck()
    {
        var (_, key, level1, level2) = await EscalatingProjectAsync("Ack stops escalation");
        var id = await server.TriggerExternalAsync(key, "db:down");

        using var ack = await server.Api.Http.PostAsync($"/api/alerts/{id}/acknowledge", null);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        server.Clock.Advance(TimeSpan.FromMinutes(30));
        await server.RunWorkerAsync();

        Assert.Empty(server.Sent.To(level2));
        Assert.Equal([NotificationKind.Trigger, NotificationKind.Acknowledge], server.Sent.To(level1).Select(s => s.Kind));
        Assert.Null(server.Sent.OfKind(level1, NotificationKind.Acknowledge)[0].Notices[0].AcknowledgeUrl);
        var alert = (await server.AlertAsync(id))["alert"]!;
        Assert.Equal("acknowledged", alert["status"]!.GetValue<string>());
        Assert.Equal("token:tests", alert["acknowledgedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task AStillFiringAlertIsRepeatedEveryRepeatIntervalUntilResolved()
    {
        var (_, key, level1, _) = await EscalatingProjectAsync("Repeats", repeatMinutes: 60);
        var id = await server.TriggerExternalAsync(key, "cert:expiring", "warning", "certificate expires in 3 days");

        server.Clock.Advance(TimeSpan.FromMinutes(61));
        await server.RunWorkerAsync();
        Assert.Single(server.Sent.OfKind(level1, NotificationKind.Repeat));
        server.Clock.Advance(TimeSpan.FromMinutes(30));
        await server.RunWorkerAsync();
        Assert.Single(server.Sent.OfKind(level1, NotificationKind.Repeat));

        using var resolve = await server.Api.Http.PostAsJsonAsync($"/api/alerts/{id}/resolve", new { reason = "renewed" });
        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
        server.Clock.Advance(TimeSpan.FromMinutes(120));
        await server.RunWorkerAsync();
        Assert.Single(server.Sent.OfKind(level1, NotificationKind.Repeat));
        Assert.Single(server.Sent.OfKind(level1, NotificationKind.Resolve));
        Assert.Contains("repeated", await server.HistoryAsync(id));
    }

    [Fact]
    public async Task ASnoozedAlertIsNeitherRepeatedNorEscalatedUntilTheSnoozeEnds()
    {
        var (_, key, level1, level2) = await EscalatingProjectAsync("Snoozed", repeatMinutes: 10);
        var id = await server.TriggerExternalAsync(key, "slow:checkout");
        using var snooze = await server.Api.Http.PostAsJsonAsync($"/api/alerts/{id}/snooze", new { minutes = 60 });
        Assert.Equal(HttpStatusCode.OK, snooze.StatusCode);

        server.Clock.Advance(TimeSpan.FromMinutes(30));
        await server.RunWorkerAsync();
        Assert.Empty(server.Sent.To(level2));
        Assert.Empty(server.Sent.OfKind(level1, NotificationKind.Repeat));

        server.Clock.Advance(TimeSpan.FromMinutes(31));
        await server.RunWorkerAsync();
        Assert.Single(server.Sent.OfKind(level2, NotificationKind.Escalate));
        Assert.Single(server.Sent.OfKind(level1, NotificationKind.Repeat));
        Assert.Contains("snoozed", await server.HistoryAsync(id));
    }

    [Fact]
    public async Task ASnoozeMustEndInTheFuture()
    {
        var (_, key, _, _) = await EscalatingProjectAsync("Bad snooze");
        var id = await server.TriggerExternalAsync(key, "x");
        using var response = await server.Api.Http.PostAsJsonAsync($"/api/alerts/{id}/snooze", new { minutes = -5 });
        await Vigil.Tests.Support.ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "minutes");
    }
}
