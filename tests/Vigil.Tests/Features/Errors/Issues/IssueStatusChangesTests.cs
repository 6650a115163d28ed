using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vigil.Features.Projects;
using Vigil.Tests.Support;
using static Vigil.Tests.Support.SentryPayloads;

namespace Vigil.Tests.Features.Errors.Issues;

/// <summary>Resolve, resolve in the next release and ignore, through PUT /api/issues/{id}, then new events.</summary>
public sealed class IssueStatusChangesTests(VigilServerFixture server) : IClassFixture<VigilServerFixture>
{
    [Fact]
    public async Task ResolvedIssueRegressesWhenANewEventArrives()
    {
        var (key, id) = await IssueAsync("Regress", "shop@1.0.0");
        await SetStatusAsync(id, new { status = "resolved" });
        var issue = await SendAsync(key, "Regress", "shop@1.0.0", id);
        Assert.Equal("unresolved", issue["status"]!.GetValue<string>());
        Assert.True(issue["regressed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ResolvedInNextReleaseStaysResolvedForTheSameReleaseAndRegressesForANewOne()
    {
        var (key, id) = await IssueAsync("NextRelease", "shop@1.0.0");
        await SetStatusAsync(id, new { status = "resolved_next_release" });

        var same = await SendAsync(key, "NextRelease", "shop@1.0.0", id);
        Assert.Equal("resolved_next_release", same["status"]!.GetValue<string>());

        var newer = await SendAsync(key, "NextRelease", "shop@1.1.0", id);
        Assert.Equal("unresolved", newer["status"]!.GetValue<string>());
        Assert.True(newer["regressed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task IgnoredForThreeMoreEventsReopensOnTheThird()
    {
        var (key, id) = await IssueAsync("IgnoreN", null);
        await SetStatusAsync(id, new { status = "ignored", ignoreForEvents = 3 });
        for (var i = 0; i < 2; i++)
            Assert.Equal("ignored", (await SendAsync(key, "IgnoreN", null, id))["status"]!.GetValue<string>());
        var reopened = await SendAsync(key, "IgnoreN", null, id);
        Assert.Equal("unresolved", reopened["status"]!.GetValue<string>());
    }

    private async Task<(ProjectKey Key, long IssueId)> IssueAsync(string type, string? release)
    {
        var (project, key) = await server.CreateProjectAsync(type);
        await server.AcceptAsync(Exception(type, "first", release: release), key);
        var issue = Assert.Single(await server.IssuesAsync(project.Slug))!;
        return (key, issue["id"]!.GetValue<long>());
    }

    private async Task SetStatusAsync(long issueId, object body)
    {
        using var response = await server.Api.Http.PutAsJsonAsync($"/api/issues/{issueId}", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonNode> SendAsync(ProjectKey key, string type, string? release, long issueId)
    {
        await server.AcceptAsync(Exception(type, "again", release: release), key);
        return await server.GetJsonAsync($"/api/issues/{issueId}");
    }
}
