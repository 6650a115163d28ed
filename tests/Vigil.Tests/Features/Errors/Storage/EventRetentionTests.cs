using System.Net;
using Vigil.Features.Errors.Storage;
using Vigil.Tests.Support;
using static Vigil.Tests.Support.SentryPayloads;

namespace Vigil.Tests.Features.Errors.Storage;

/// <summary>Retention deletes old events; the issue keeps its count and stays listed.</summary>
public sealed class EventRetentionTests(VigilServerFixture server) : IClassFixture<VigilServerFixture>
{
    [Fact]
    public async Task OldEventsAreDeletedAndTheIssueKeepsItsCount()
    {
        var (project, key) = await server.CreateProjectAsync("Retention");
        for (var i = 0; i < 3; i++)
        {
            await server.AcceptAsync(Exception("Aging", $"event {i}"), key);
        }
        var issueId = await server.SingleIssueIdAsync(project.Slug);
        Assert.Equal(3, (await server.GetJsonAsync($"/api/issues/{issueId}/events")).AsArray().Count);

        // Everything received before "now + 1 minute" is past the cutoff.
        var cutoff = DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds();
        var deleted = 0;
        for (int batch; (batch = await server.Service<EventRetention>().DeleteBatchAsync(cutoff, 2)) > 0;)
            deleted += batch;

        Assert.True(deleted >= 3, $"deleted {deleted}");
        Assert.Empty((await server.GetJsonAsync($"/api/issues/{issueId}/events")).AsArray());
        var issue = Assert.Single(await server.IssuesAsync(project.Slug))!;
        Assert.Equal(3, issue["count"]!.GetValue<long>());
    }

    [Fact]
    public async Task EventsNewerThanTheCutoffAreKept()
    {
        var (project, key) = await server.CreateProjectAsync("Retention keeps");
        await server.AcceptAsync(Exception("Fresh", "new"), key);
        var cutoff = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeMilliseconds();
        await server.Service<EventRetention>().DeleteBatchAsync(cutoff, 1000);
        var issueId = await server.SingleIssueIdAsync(project.Slug);
        Assert.Single((await server.GetJsonAsync($"/api/issues/{issueId}/events")).AsArray());
    }
}
