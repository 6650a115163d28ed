using System.Net;
using Vigil.Tests.Support;
using static Vigil.Tests.Support.SentryPayloads;

namespace Vigil.Tests.Cli;

/// <summary>The CLI verbs work on the same store while `vigil serve` runs against it.</summary>
public sealed class CliTests(ProcessStoreFixture store) : IClassFixture<ProcessStoreFixture>, IAsyncLifetime
{
    private VigilProcess _server = null!;

    public async Task InitializeAsync() => _server = await store.SharedServerAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ProjectCreatePrintsIdSlugAndADsnOnThePublicUrl()
    {
        var project = await store.RunJsonAsync("project", "create", "Billing Service", "--public-url", "https://vigil.example.com/");
        var id = project["id"]!.GetValue<long>();
        Assert.Equal("billing-service", project["slug"]!.GetValue<string>());
        Assert.Matches($@"^https://[0-9a-f]{{32}}@vigil\.example\.com/{id}$", project["dsn"]!.GetValue<string>());
    }

    [Fact]
    public async Task TokenCreateGivesATokenTheRunningServerAccepts()
    {
        var token = (await store.RunJsonAsync("token", "create", "ci"))["token"]!.GetValue<string>();
        using var api = new VigilApi(_server.BaseUrl, token);
        using var response = await api.Http.GetAsync("/api/projects");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task IssuesListShowsWhatTheRunningServerStored()
    {
        var project = await store.RunJsonAsync("project", "create", "Listed");
        var dsn = new Uri(project["dsn"]!.GetValue<string>());
        using var http = new HttpClient { BaseAddress = new Uri(_server.BaseUrl) };
        for (var i = 0; i < 2; i++)
        {
            using var response = await SentryIngestClient.SendEnvelopeAsync(http, project["id"]!.GetValue<long>(), dsn.UserInfo,
                EventEnvelope(Exception("ListedError", $"seen {i}", function: "Shop.Orders.Ship")));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var issues = (await store.RunJsonAsync("issues", "list", "--project", project["slug"]!.GetValue<string>())).AsArray();

        var issue = Assert.Single(issues)!.AsObject();
        foreach (var field in new[] { "id", "title", "culprit", "level", "status", "count", "userCount", "firstSeen", "lastSeen" })
            Assert.True(issue.ContainsKey(field), $"no '{field}' in {issue.ToJsonString()}");
        Assert.StartsWith("ListedError", issue["title"]!.GetValue<string>());
        Assert.Equal(2, issue["count"]!.GetValue<long>());
        Assert.Equal("unresolved", issue["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task IssuesListForAnUnknownProjectFails()
    {
        var (exit, _, stderr) = await store.RunAsync("issues", "list", "--project", "no-such-project");
        Assert.NotEqual(0, exit);
        Assert.Contains("no-such-project", stderr);
    }
}
