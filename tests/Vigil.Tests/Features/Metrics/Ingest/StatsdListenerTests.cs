using System.Net.Sockets;
using System.Text;
using Vigil.Features.Metrics.Ingest;
using Vigil.Infrastructure.Observability;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Metrics.Ingest;

/// <summary>StatsD lines over real UDP and TCP sockets, aggregated, flushed, stored and read back through the query API.</summary>
public sealed class StatsdListenerTests(StatsdServer server) : IClassFixture<StatsdServer>
{
    [Fact]
    public async Task CountersAreScaledByTheirSampleRate()
    {
        await server.SendAndFlushAsync("orders.placed:1|c|@0.1\norders.placed:2|c", "orders.placed:3|c|@0.5");
        Assert.Equal([10 + 2 + 6], await server.ValuesAsync("name=orders.placed&agg=sum&since=5m"));
    }

    [Fact]
    public async Task GaugeDeltasMoveTheLastValueAcrossFlushes()
    {
        await server.SendAndFlushAsync("queue.depth:10|g");
        await server.SendAndFlushAsync("queue.depth:+5|g\nqueue.depth:-2|g");
        Assert.Equal([15], await server.ValuesAsync("name=queue.depth&agg=max&since=5m&step=1h"));
        Assert.Equal([10], await server.ValuesAsync("name=queue.depth&agg=min&since=5m&step=1h"));
        Assert.Equal([13], await server.ValuesAsync("name=queue.depth&agg=last&since=5m&step=1h"));
    }

    [Fact]
    public async Task TimersGiveAP99WithinTheSketchsOnePercent()
    {
        var lines = Enumerable.Range(1, 1000).Select(i => $"checkout.duration:{i}|ms").ToList();
        await server.SendAndFlushAsync(Enumerable.Range(0, 10).Select(chunk => string.Join('\n', lines.Skip(chunk * 100).Take(100))).ToArray());
        var p99 = Assert.Single(await server.ValuesAsync("name=checkout.duration&agg=p99&since=5m&step=1h"));
        Assert.InRange(p99, 990 * 0.99, 990 * 1.01);
        Assert.Equal([1000], await server.ValuesAsync("name=checkout.duration&agg=count&since=5m&step=1h"));
        Assert.Equal("ms", (await server.QueryAsync("name=checkout.duration&agg=p50&since=5m"))["unit"]!.GetValue<string>());
    }

    [Fact]
    public async Task LinesFromManySenderSocketsAddUpAcrossReceiveSockets()
    {
        Assert.True(server.Service<StatsdAggregator>().Shards.Count >= 2 || !OperatingSystem.IsLinux());
        await server.SendAndFlushAsync(16, Enumerable.Range(1, 64).Select(i => $"spread.hits:{i}|c\nspread.latency:{i}|ms").ToArray());
        Assert.Equal([64 * 65 / 2], await server.ValuesAsync("name=spread.hits&agg=sum&since=5m&step=1h"));
        Assert.Equal([64], await server.ValuesAsync("name=spread.latency&agg=count&since=5m&step=1h"));
        Assert.Equal([64], await server.ValuesAsync("name=spread.latency&agg=max&since=5m&step=1h"));
    }

    [Fact]
    public async Task GaugeDeltasFromManySenderSocketsMoveOneValue()
    {
        await server.SendAndFlushAsync("spread.depth:100|g");
        await server.SendAndFlushAsync(16, Enumerable.Range(0, 32).Select(_ => "spread.depth:+1|g").ToArray());
        Assert.Equal([132], await server.ValuesAsync("name=spread.depth&agg=max&since=5m&step=1h"));
    }

    [Fact]
    public async Task SetsCountDistinctMembers()
    {
        await server.SendAndFlushAsync(string.Join('\n', Enumerable.Range(0, 300).Select(i => $"visitors:user{i % 120}|s")));
        Assert.Equal([120], await server.ValuesAsync("name=visitors&agg=distinct&since=5m&step=1h"));
    }

    [Fact]
    public async Task AMalformedLineIsCountedAndItsNeighboursKept()
    {
        var metrics = server.Service<VigilMetrics>();
        var invalid = metrics.Rejected.Get(StatsdAggregator.Stream, "invalid");
        await server.SendAndFlushAsync("neighbours:1|c\nthis is not statsd\nneighbours:2|c|@x\nneighbours:4|c");
        Assert.Equal(invalid + 2, metrics.Rejected.Get(StatsdAggregator.Stream, "invalid"));
        Assert.Equal([5], await server.ValuesAsync("name=neighbours&agg=sum&since=5m&step=1h"));
        var exposed = await server.Http.GetStringAsync("/metrics");
        Assert.Contains("vigil_ingest_accepted_total{stream=\"statsd\"}", exposed);
    }

    [Fact]
    public async Task TheProjectComesFromATagThenANamePrefixThenTheDefault()
    {
        var (shop, _) = await server.CreateProjectAsync("Shop");
        await server.Listener.FlushAsync(); // learns the new project's slug
        await server.SendAndFlushAsync(
            $"tagged.hits:1|c|#vigil_project:{shop.Slug},route:/cart",
            $"{shop.Slug}.prefixed.hits:2|c",
            "unclaimed.hits:4|c");

        Assert.Equal([1], await server.ValuesAsync($"project={shop.Slug}&name=tagged.hits&agg=sum&since=5m&step=1h"));
        var tags = (await server.GetJsonAsync($"/api/metrics?project={shop.Slug}")).AsArray()
            .Single(m => m!["name"]!.GetValue<string>() == "tagged.hits")!["tagKeys"]!.AsArray().Select(k => k!.GetValue<string>());
        Assert.Equal(["route"], tags); // the project tag chose the project and is not a series tag
        Assert.Equal([2], await server.ValuesAsync($"project={shop.Slug}&name=prefixed.hits&agg=sum&since=5m&step=1h"));
        Assert.Equal([4], await server.ValuesAsync("name=unclaimed.hits&agg=sum&since=5m&step=1h"));
    }

    [Fact]
    public async Task TcpLinesAreNewlineFramed()
    {
        await server.Listener.Started;
        var metrics = server.Service<VigilMetrics>();
        var before = metrics.Accepted.Get(StatsdAggregator.Stream);
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync("127.0.0.1", server.Listener.TcpPort!.Value);
            var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.UTF8.GetBytes("tcp.hits:1|c\ntcp.hi"));
            await stream.FlushAsync();
            await Task.Delay(100);
            await stream.WriteAsync(Encoding.UTF8.GetBytes("ts:2|c\ntcp.hits:3|c"));
        }
        await Eventually.GetAsync(() => Task.FromResult(metrics.Accepted.Get(StatsdAggregator.Stream)), n => n >= before + 3, TimeSpan.FromSeconds(10));
        await server.Listener.FlushAsync();
        Assert.Equal([6], await server.ValuesAsync("name=tcp.hits&agg=sum&since=5m&step=1h"));
    }
}
