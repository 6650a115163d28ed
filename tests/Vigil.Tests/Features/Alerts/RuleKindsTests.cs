using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vigil.Features.Alerts.Delivery;
using Vigil.Features.Errors.Issues;
using Vigil.Infrastructure.Signals;
using Vigil.Tests.Features.Alerts.Support;
using Vigil.Tests.Support;
using static Vigil.Tests.Support.SentryPayloads;

namespace Vigil.Tests.Features.Alerts;

/// <summary>Issue frequency, log count and metric rules: fire when the condition holds, resolve by themselves saying why.</summary>
public sealed class RuleKindsTests(AlertsServerFixture server) : IClassFixture<AlertsServerFixture>
{
    [Fact]
    public async Task IssueFrequencyFiresAtTheNthEventAndResolvesWhenTheWindowClears()
    {
        var (project, key) = await server.CreateProjectAsync("Frequency");
        var chat = server.Channels.Add(project.Id, "chat");
        var rule = await server.CreateRuleAsync(project.Slug, "Checkout storm", "issue_frequency", "error", new { count = 3, minutes = 5 });

        await server.AcceptAsync(Exception("CartException", "a"), key);
        await server.AcceptAsync(Exception("CartException", "b"), key);
        await Task.Delay(300);
        Assert.Empty(server.Sent.To(chat.Id));

        await server.AcceptAsync(Exception("CartException", "c"), key);
        var sent = await Eventually.GetAsync(() => Task.FromResult(server.Sent.OfKind(chat.Id, NotificationKind.Trigger)), s => s.Count > 0, what: "the frequency alert");
        Assert.Contains("3 events in the project in the last 5 minutes", Assert.Single(sent).Notices[0].Summary);

        server.Clock.Advance(TimeSpan.FromMinutes(6));
        await server.EvaluateRulesAsync();
        var alert = Assert.Single(await server.AlertsAsync(project.Slug))!;
        Assert.Equal("resolved", alert["status"]!.GetValue<string>());
        Assert.Equal("condition cleared: 0 events in the project in the last 5 minutes, below 3", alert["resolveReason"]!.GetValue<string>());
        Assert.Equal(rule["id"]!.GetValue<long>(), alert["ruleId"]!.GetValue<long>());
        Assert.Single(server.Sent.OfKind(chat.Id, NotificationKind.Resolve));

        // A batch's signal handled only now, after its window passed, must not reopen the resolved alert.
        server.Service<SignalBus>().Publish(new IssueEventsRecorded(server.Clock.GetUtcNow().AddMinutes(-6), project.Id, [0]));
        await Task.Delay(500);
        Assert.Equal("resolved", Assert.Single(await server.AlertsAsync(project.Slug))!["status"]!.GetValue<string>());
        Assert.Single(server.Sent.OfKind(chat.Id, NotificationKind.Trigger));
    }

    [Fact]
    public async Task LogCountFiresOverTheThresholdAndResolvesSayingWhy()
    {
        var (project, key) = await server.CreateProjectAsync("Log count");
        var chat = server.Channels.Add(project.Id, "chat");
        await server.CreateRuleAsync(project.Slug, "Many 404s", "log_count", "warning", new { query = "status = 404", comparison = ">=", threshold = 3, minutes = 2 });
        await LogsClient.AcceptAsync(server.Http, key.PublicKey,
            [.. Enumerable.Range(0, 4).Select(i => new JsonObject { ["msg"] = $"GET /missing/{i}", ["status"] = 404 }), new JsonObject { ["msg"] = "ok", ["status"] = 200 }]);

        await server.EvaluateRulesAsync();
        var fired = Assert.Single(server.Sent.OfKind(chat.Id, NotificationKind.Trigger));
        Assert.Equal("4 events matching 'status = 404' in the last 2 minutes (>= 3)", fired.Notices[0].Summary);
        await server.EvaluateRulesAsync();
        Assert.Single(server.Sent.To(chat.Id));

        server.Clock.Advance(TimeSpan.FromMinutes(3));
        await server.EvaluateRulesAsync();
        var alert = Assert.Single(await server.AlertsAsync(project.Slug))!;
        Assert.Equal("resolved", alert["status"]!.GetValue<string>());
        Assert.Equal("condition cleared: 0 events matching 'status = 404' in the last 2 minutes, below 3", alert["resolveReason"]!.GetValue<string>());
        var rules = (await server.GetJsonAsync($"/api/projects/{project.Slug}/alert-rules")).AsArray();
        Assert.StartsWith("condition cleared", rules[0]!["lastStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnAnomalyRuleOverAMetricNobodySendsStaysQuietAndSaysWhy()
    {
        var (project, _) = await server.CreateProjectAsync("Metric rules");
        await server.CreateRuleAsync(project.Slug, "Purchases dropped", "metric_anomaly", "critical",
            new { metric = "purchases", aggregation = "sum", windowMinutes = 60, baseline = "week", direction = "drop", percent = 50 });
        await server.EvaluateRulesAsync();
        var rule = (await server.GetJsonAsync($"/api/projects/{project.Slug}/alert-rules")).AsArray().Single()!;
        Assert.Contains("baseline of sum(purchases)", rule["lastStatus"]!.GetValue<string>());
        Assert.Empty(await server.AlertsAsync(project.Slug));
    }

    [Theory]
    [InlineData("log_count", """{"query":"status =","threshold":5,"minutes":2}""", "parameters.query")]
    [InlineData("log_count", """{"query":"status = 404","minutes":2}""", "parameters.threshold")]
    [InlineData("issue_frequency", """{"count":0,"minutes":5}""", "parameters.count")]
    [InlineData("issue_frequency", """{"count":3}""", "parameters.minutes")]
    [InlineData("metric_threshold", """{"metric":"latency","threshold":1,"comparison":"~"}""", "parameters.comparison")]
    [InlineData("metric_anomaly", """{"metric":"x","windowMinutes":5,"direction":"sideways","percent":5}""", "parameters.direction")]
    [InlineData("no_such_kind", """{}""", "kind")]
    public async Task ABadRuleIsA400NamingTheParameter(string kind, string parameters, string named)
    {
        using var response = await server.Api.Http.PostAsJsonAsync($"/api/projects/{server.DefaultProject.Slug}/alert-rules",
            new { name = "bad", kind, severity = "error", parameters = JsonNode.Parse(parameters) });
        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, named);
    }
}
