using System.Net;
using System.Text.Json.Nodes;
using Vigil.Tests.Features.Alerts.Support;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Alerts.Pages;

/// <summary>The alert pages act only on objects of the project in their URL: a form naming another
/// project's silence, rule, channel or alert gets 404 and changes nothing, while the same form on the
/// owning project's page works (so the 404 is the check, not a broken form).</summary>
public sealed class ProjectScopeTests(AlertsServerFixture server) : IClassFixture<AlertsServerFixture>, IAsyncLifetime
{
    private PageSession _session = null!;
    private string _mine = "";
    private string _theirs = "";
    private string _theirKey = "";

    [Fact]
    public async Task ExpiringAnotherProjectsSilenceIsNotFoundAndLeavesItActive()
    {
        var silence = (await server.PostJsonAsync($"/api/projects/{_theirs}/silences", new
        {
            matchers = new[] { new { name = "severity", op = "=", value = "info" } },
            minutes = 60,
            reason = "their window",
        }))["id"]!.GetValue<long>();

        using var refused = await PostAsync($"/projects/{_mine}/alerts/silences?handler=Expire&silenceId={silence}");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.True(await SilenceActiveAsync(_theirs, silence));

        using var allowed = await PostAsync($"/projects/{_theirs}/alerts/silences?handler=Expire&silenceId={silence}");
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        Assert.False(await SilenceActiveAsync(_theirs, silence));
    }

    [Fact]
    public async Task DeletingOrEditingAnotherProjectsRuleIsNotFoundAndLeavesItAsItWas()
    {
        var rule = (await server.CreateRuleAsync(_theirs, "their rule", "issue_created", "error", new { }))["id"]!.GetValue<long>();

        using var delete = await PostAsync($"/projects/{_mine}/alerts/rules?handler=Delete&ruleId={rule}");
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        using var edit = await PostAsync($"/projects/{_mine}/alerts/rules?handler=Save", new()
        {
            ["RuleId"] = rule.ToString(), ["Name"] = "taken over", ["Kind"] = "issue_created", ["Severity"] = "info", ["Parameters"] = "{}", ["Enabled"] = "true",
        });
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.Equal("their rule", (await server.GetJsonAsync($"/api/alert-rules/{rule}"))["name"]!.GetValue<string>());

        using var allowed = await PostAsync($"/projects/{_theirs}/alerts/rules?handler=Delete&ruleId={rule}");
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        Assert.Empty((await server.GetJsonAsync($"/api/projects/{_theirs}/alert-rules")).AsArray());
    }

    [Fact]
    public async Task DeletingOrSavingAnotherProjectsChannelIsNotFoundAndLeavesIt()
    {
        var channel = (await server.PostJsonAsync($"/api/projects/{_theirs}/channels", new
        {
            name = "their hook", kind = "webhook", options = new { url = "http://127.0.0.1:9/hook" },
        }))["id"]!.GetValue<long>();

        using var delete = await PostAsync($"/projects/{_mine}/channels?handler=Delete&id={channel}");
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        using var save = await PostAsync($"/projects/{_mine}/channels?handler=Save&id={channel}", new()
        {
            ["name"] = "taken over", ["enabled"] = "true", ["o.url"] = "http://127.0.0.1:9/elsewhere",
        });
        Assert.Equal(HttpStatusCode.NotFound, save.StatusCode);
        Assert.Equal("their hook", (await server.GetJsonAsync($"/api/channels/{channel}"))["name"]!.GetValue<string>());
        Assert.Empty((await server.GetJsonAsync($"/api/projects/{_mine}/channels")).AsArray());

        using var allowed = await PostAsync($"/projects/{_theirs}/channels?handler=Delete&id={channel}");
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        Assert.Empty((await server.GetJsonAsync($"/api/projects/{_theirs}/channels")).AsArray());
    }

    [Fact]
    public async Task ActingOnAnotherProjectsAlertIsNotFoundAndLeavesItFiring()
    {
        var alert = await server.TriggerExternalAsync(_theirKey, $"theirs:{Guid.NewGuid():N}", "critical", "their outage");
        var other = await server.TriggerExternalAsync(_theirKey, $"theirs:{Guid.NewGuid():N}", "critical", "their other outage");

        foreach (var handler in new[] { "Acknowledge", "Resolve", "Snooze" })
        {
            using var fromList = await PostAsync($"/projects/{_mine}/alerts?handler={handler}&alertId={alert}", new() { ["minutes"] = "60" });
            Assert.Equal(HttpStatusCode.NotFound, fromList.StatusCode);
            // An alert's own page acts on that alert, not on one named in the form.
            using var fromOtherAlert = await PostAsync($"/alerts/{other}?handler={handler}&alertId={alert}", new() { ["minutes"] = "60" });
            Assert.Equal(HttpStatusCode.NotFound, fromOtherAlert.StatusCode);
        }
        Assert.Equal("firing", (await server.AlertAsync(alert))["alert"]!["status"]!.GetValue<string>());
        Assert.DoesNotContain(await server.HistoryAsync(alert), kind => kind is "acknowledged" or "resolved" or "snoozed");

        using var allowed = await PostAsync($"/projects/{_theirs}/alerts?handler=Acknowledge&alertId={alert}");
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        Assert.Equal("acknowledged", (await server.AlertAsync(alert))["alert"]!["status"]!.GetValue<string>());
    }

    public async Task InitializeAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        _mine = (await server.CreateProjectAsync($"Mine {suffix}")).Project.Slug;
        var (theirs, key) = await server.CreateProjectAsync($"Theirs {suffix}");
        _theirs = theirs.Slug;
        _theirKey = key.PublicKey;
        _session = await PageSession.SignInAsync(server);
    }

    public Task DisposeAsync()
    {
        _session.Dispose();
        return Task.CompletedTask;
    }

    private Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string>? fields = null) =>
        _session.PostFormAsync(path, $"/projects/{_mine}/alerts/rules", fields ?? []);

    private async Task<bool> SilenceActiveAsync(string slug, long id)
    {
        var silence = (await server.GetJsonAsync($"/api/projects/{slug}/silences")).AsArray().Single(s => s!["id"]!.GetValue<long>() == id)!;
        return DateTimeOffset.Parse(silence["endsAt"]!.GetValue<string>()) > server.Clock.GetUtcNow();
    }
}
