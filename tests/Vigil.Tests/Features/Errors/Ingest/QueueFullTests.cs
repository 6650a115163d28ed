using System.Net;
using System.Text.RegularExpressions;
using Vigil.Tests.Support;
using static Vigil.Tests.Support.SentryPayloads;

namespace Vigil.Tests.Features.Errors.Ingest;

/// <summary>When the bounded ingest queue is full, senders get 429 at once; nothing acknowledged is lost
/// and every refusal is counted.</summary>
public sealed class QueueFullTests(QueueFullTests.TinyQueueServer server) : IClassFixture<QueueFullTests.TinyQueueServer>
{
    public sealed class TinyQueueServer : VigilServerFixture
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [new("Ingest:QueueCapacity", "1"), new("Ingest:MaxBatchSize", "1")];
    }

    [Fact]
    public async Task FullQueueAnswersTooManyRequestsAndKeepsEveryAcknowledgedEvent()
    {
        var events = Enumerable.Range(0, 200).Select(i => Exception("Burst", $"burst {i}")).ToList();
        var responses = await Task.WhenAll(events.Select(async ev =>
        {
            using var response = await server.SendEventAsync(ev);
            return (Id: EventIdOf(ev), response.StatusCode, RetryAfter: response.Headers.RetryAfter);
        }));

        var accepted = responses.Where(r => r.StatusCode == HttpStatusCode.OK).Select(r => r.Id).ToList();
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(200, accepted.Count + refused.Count);
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.NotNull(r.RetryAfter));
        var stored = await server.StoredEventIdsAsync();
        Assert.All(accepted, id => Assert.Contains(id, stored));

        var metrics = await server.Http.GetStringAsync("/metrics");
        var counted = Regex.Match(metrics, @"vigil_ingest_rejected_total\{[^}]*reason=""queue_full""[^}]*\} (\d+)");
        Assert.True(counted.Success, "no queue_full counter in /metrics");
        Assert.Equal(refused.Count, long.Parse(counted.Groups[1].Value));
    }
}
