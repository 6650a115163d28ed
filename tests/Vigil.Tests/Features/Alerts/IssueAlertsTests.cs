using System.Net.Http.Json;
using Vigil.Features.Alerts.Delivery;
using Vigil.Tests.Features.Alerts.Support;
using Vigil.Tests.Support;
using static Vigil.Tests.Support.SentryPayloads;

namespace Vigil.Tests.Features.Alerts;

/// <summary>New and regressed issues alert on the signal, through real Sentry ingest.</summary>
public sealed class IssueAlertsTests(AlertsServerFixture server) : IClassFixture<AlertsServerFixture>
{
    [Fact]
    public async Task NewIssueEnqueuesOneTriggerForTheCriticalRoutesChannelsAndASecondEventSendsNothingMore()
    {
        var (project, key) = await server.CreateProjectAsync("New issue alerts");
        var pager = server.Channels.Add(project.Id, "pager");
        var mail = server.Channels.Add(project.Id, "mail");
        var chat = server.Channels.Add(project.Id, "chat");
        await server.PutJsonAsync($"/api/projects/{project.Slug}/alert-routing", new
        {
            severities = new Dictionary<string, object>
            {
                ["critical"] = new[] { new { channels = new[] { pager.Id, mail.Id }, afterMinutes = 0 } },
                ["warning"] = new[] { new { channels = new[] { chat.Id }, afterMinutes = 0 } },
            },
            repeatMinutes = 240,
        });
        await server.CreateRuleAsync(project.Slug, "New bugs page", "issue_created", "critical", new { });

        await server.AcceptAsync(Exception("PaymentDeclined", "card 1"), key);
        var triggers = await Eventually.GetAsync(() => Task.FromResult(server.Sent.OfKind(pager.Id, NotificationKind.Trigger)), t => t.Count > 0,
            what: "a trigger on the pager channel");
        var notice = Assert.Single(Assert.Single(triggers).Notices);
        Assert.Contains("PaymentDeclined", notice.Title);
        Assert.StartsWith($"{server.BaseUrl}/alerts/ack/", notice.AcknowledgeUrl);
        Assert.Single(server.Sent.OfKind(mail.Id, NotificationKind.Trigger));
        Assert.Empty(server.Sent.To(chat.Id));

        await server.AcceptAsync(Exception("PaymentDeclined", "card 2"), key);
        var issueId = await server.SingleIssueIdAsync(project.Slug);
        await Eventually.GetAsync(async () => (await server.IssuesAsync(project.Slug))[0]!["count"]!.GetValue<long>(), c => c == 2);
        await Task.Delay(300);
        Assert.Single(server.Sent.To(pager.Id));
        var alert = Assert.Single(await server.AlertsAsync(project.Slug))!;
        Assert.Equal("critical", alert["severity"]!.GetValue<string>());
        Assert.Equal(issueId.ToString(), alert["details"]!["issueId"]!.GetValue<string>());
    }

    [Fact]
    public async Task ARegressionFiresTheRegressedRule()
    {
        var (project, key) = await server.CreateProjectAsync("Regression alerts");
        var chat = server.Channels.Add(project.Id, "chat");
        await server.CreateRuleAsync(project.Slug, "Regressions", "issue_regressed", "error", new { });
        await server.AcceptAsync(Exception("TimeoutException", "db"), key);
        var issueId = await server.SingleIssueIdAsync(project.Slug);
        using (var resolve = await server.Api.Http.PutAsJsonAsync($"/api/issues/{issueId}", new { status = "resolved" }))
            Assert.True(resolve.IsSuccessStatusCode);
        Assert.Empty(server.Sent.To(chat.Id));

        await server.AcceptAsync(Exception("TimeoutException", "db again"), key);

        // No routing policy: the default sends every severity to all the project's enabled channels.
        var sent = await Eventually.GetAsync(() => Task.FromResult(server.Sent.To(chat.Id)), s => s.Count > 0, what: "a regression notification");
        Assert.Equal(NotificationKind.Trigger, Assert.Single(sent).Kind);
        Assert.StartsWith("[ERROR] Regressed issue", sent[0].Title);
    }
}
