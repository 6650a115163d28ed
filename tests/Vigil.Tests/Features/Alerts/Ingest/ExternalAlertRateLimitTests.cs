using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vigil.Tests.Features.Alerts.Support;

namespace Vigil.Tests.Features.Alerts.Ingest;

/// <summary>POST /api/alerts has a per-project limit (here 3 a minute): over it the answer is 429 with
/// Retry-After and a JSON body, counted in /metrics, and other projects are not affected.</summary>
public sealed class ExternalAlertRateLimitTests(ExternalAlertRateLimitTests.LimitedServer server)
    : IClassFixture<ExternalAlertRateLimitTests.LimitedServer>
{
    public sealed class LimitedServer : AlertsServerFixture
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [.. base.Settings, new("Alerts:ExternalAlertsPerMinute", "3")];
    }

    [Fact]
    public async Task TheRequestOverTheLimitIs429WithRetryAfterAndAJsonBodyAndIsCounted()
    {
        var (project, key) = await server.CreateProjectAsync("Alert flood");
        var before = await RateLimitedCountAsync();
        for (var i = 0; i < 3; i++)
        {
            using var accepted = await server.SendExternalAsync(key.PublicKey, new { dedupKey = $"flood:{i}", severity = "warning", summary = "cron loop" });
            Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        }

        using var refused = await server.SendExternalAsync(key.PublicKey, new { dedupKey = "flood:3", severity = "warning", summary = "cron loop" });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        // One token comes back every 20 s at 3 a minute.
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 20);
        Assert.StartsWith("application/problem+json", refused.Content.Headers.ContentType?.ToString());
        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal(429, body["status"]!.GetValue<int>());
        Assert.Contains("limit of 3 alerts per minute", body["detail"]!.GetValue<string>());
        Assert.Equal(3, (await server.AlertsAsync(project.Slug)).Count);
        Assert.Equal(before + 1, await RateLimitedCountAsync());
    }

    [Fact]
    public async Task EachProjectHasItsOwnLimitAndATokenIsLimitedByTheProjectItNames()
    {
        var (busy, busyKey) = await server.CreateProjectAsync("Busy alerts");
        var (quiet, quietKey) = await server.CreateProjectAsync("Quiet alerts");
        for (var i = 0; i < 3; i++)
            await server.TriggerExternalAsync(busyKey.PublicKey, $"busy:{i}", "info", "busy");

        using var viaToken = await server.Api.Http.PostAsJsonAsync("/api/alerts", new { project = busy.Slug, dedupKey = "busy:token", severity = "info", summary = "busy" });
        Assert.Equal(HttpStatusCode.TooManyRequests, viaToken.StatusCode);
        using var other = await server.SendExternalAsync(quietKey.PublicKey, new { dedupKey = "quiet:0", severity = "info", summary = "quiet" });
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.Single(await server.AlertsAsync(quiet.Slug));
    }

    private async Task<long> RateLimitedCountAsync()
    {
        const string sample = "vigil_ingest_rejected_total{stream=\"alerts\",reason=\"rate_limited\"} ";
        var line = (await server.Http.GetStringAsync("/metrics")).Split('\n').FirstOrDefault(l => l.StartsWith(sample, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[sample.Length..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
