using Vigil.Features.Metrics.Ingest;
using Vigil.Infrastructure.Observability;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Metrics.Ingest;

/// <summary>The npm `hot-shots` client (tests/clients/send-statsd.mjs) sending DogStatsD over UDP to Vigil.</summary>
public sealed class HotShotsTests(StatsdServer server) : IClassFixture<StatsdServer>
{
    [Fact]
    public async Task CountersTimersGaugesAndSetsFromHotShotsAreQueryable()
    {
        var metrics = server.Service<VigilMetrics>();
        var before = metrics.Accepted.Get(StatsdAggregator.Stream);
        var output = await NodeClients.RunAsync("send-statsd.mjs", (await server.UdpPortAsync()).ToString(), "shop");
        Assert.Contains("sent", output);
        // 11 increments, 100 timings, 2 gauges, 4 set members, 1 histogram
        await Eventually.GetAsync(() => Task.FromResult(metrics.Accepted.Get(StatsdAggregator.Stream)), n => n >= before + 118, TimeSpan.FromSeconds(10), "hot-shots' lines");
        await server.Listener.FlushAsync();

        const string range = "since=10m&step=1h";
        var byRoute = (await server.QueryAsync($"name=shop.orders&agg=sum&groupBy=route&{range}"))["series"]!.AsArray()
            .ToDictionary(s => s!["group"]!["route"]!.GetValue<string>(), s => s!["points"]!.AsArray().Where(p => p![1] is not null).Sum(p => p![1]!.GetValue<double>()));
        Assert.Equal(new Dictionary<string, double> { ["/cart"] = 5, ["/checkout"] = 10 }, byRoute);
        var p99 = (await server.ValuesAsync($"name=shop.latency&agg=p99&filter=env:test&{range}")).Single();
        Assert.InRange(p99, 98 * 0.99, 99 * 1.01);
        Assert.Equal([42], await server.ValuesAsync($"name=shop.queue&agg=last&{range}"));
        Assert.Equal([3], await server.ValuesAsync($"name=shop.users&agg=distinct&{range}"));
        Assert.Equal([512], await server.ValuesAsync($"name=shop.size&agg=max&{range}"));
    }
}
