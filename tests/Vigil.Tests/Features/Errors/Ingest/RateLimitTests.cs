using System.Net;
using Vigil.Features.Projects;
using Vigil.Features.Projects.Storage;
using Vigil.Tests.Support;
using static Vigil.Tests.Support.SentryPayloads;

namespace Vigil.Tests.Features.Errors.Ingest;

/// <summary>A project over its per-minute limit gets 429 with the headers SDKs back off on.</summary>
public sealed class RateLimitTests(VigilServerFixture server) : IClassFixture<VigilServerFixture>
{
    [Fact]
    public async Task ProjectOverItsLimitGetsTooManyRequestsWithRetryHeaders()
    {
        var key = await LimitedProjectAsync("Limited", 3);
        for (var i = 0; i < 3; i++)
        {
            await server.AcceptAsync(Exception("Limited", $"event {i}"), key);
        }
        using var limited = await server.SendEventAsync(Exception("Limited", "one too many"), key);
        await ProblemAssert.IsAsync(limited, HttpStatusCode.TooManyRequests, "limit of 3 events per minute");
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single()) > 0);
        Assert.Matches(@"^\d+:[a-z;]*:\w+", limited.Headers.GetValues("X-Sentry-Rate-Limits").Single());
    }

    [Fact]
    public async Task LimitUnderSixtyPerMinuteIsNotRefilledEverySecond()
    {
        var key = await LimitedProjectAsync("Slow limit", 2);
        for (var i = 0; i < 2; i++)
            await server.AcceptAsync(Exception("SlowLimit", $"event {i}"), key);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        using var response = await server.SendEventAsync(Exception("SlowLimit", "after 2.5 s"), key);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    private async Task<ProjectKey> LimitedProjectAsync(string name, int perMinute)
    {
        var (project, key) = await server.CreateProjectAsync(name);
        await server.Service<ProjectStore>().UpdateSettingsAsync(project.Id, project.Settings with { RateLimitPerMinute = perMinute });
        return key;
    }
}
