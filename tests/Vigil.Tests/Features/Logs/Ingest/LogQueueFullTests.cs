using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Logs.Ingest;

/// <summary>A full log queue answers 429 with Retry-After at once; what was acknowledged is stored and
/// every refused event is counted.</summary>
public sealed class LogQueueFullTests(TinyQueueServer server) : IClassFixture<TinyQueueServer>
{
    [Fact]
    public async Task AFullQueueAnswersTooManyRequestsWithRetryAfterAndKeepsWhatItAcknowledged()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            var line = new JsonObject { ["msg"] = "burst", ["n"] = i }.ToJsonString();
            using var response = await LogsClient.PostAsync(server.Http, "/api/logs", line, server.DefaultKey.PublicKey);
            return (N: i, response.StatusCode, response.Headers.RetryAfter);
        }));

        var accepted = responses.Where(r => r.StatusCode == HttpStatusCode.OK).Select(r => r.N).ToHashSet();
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(200, accepted.Count + refused.Count);
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.NotNull(r.RetryAfter));
        var stored = (await LogsClient.SearchAsync(server.Api, "burst")).Select(e => e!["properties"]!["n"]!.GetValue<int>()).ToHashSet();
        Assert.Subset(stored, accepted);

        var metrics = await server.Http.GetStringAsync("/metrics");
        var counted = Regex.Match(metrics, @"vigil_ingest_rejected_total\{(?=[^}]*stream=""log"")(?=[^}]*reason=""queue_full"")[^}]*\} (\d+)");
        Assert.True(counted.Success, "no log queue_full counter in /metrics");
        Assert.Equal(refused.Count, long.Parse(counted.Groups[1].Value));
    }
}
