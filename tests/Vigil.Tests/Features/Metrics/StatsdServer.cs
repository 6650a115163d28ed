using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Features.Metrics.Ingest;
using Vigil.Infrastructure.Observability;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Metrics;

/// <summary>A server with StatsD on free UDP and TCP ports, project prefixes on, and a flush interval
/// long enough that tests flush by hand, and two UDP receive sockets (so every test also crosses shards), (<see cref="SendAndFlushAsync"/>), so no test waits on a timer.</summary>
public class StatsdServer : VigilServerFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Metrics:StatsdPort", "-1"),
        new("Metrics:StatsdTcpPort", "-1"),
        new("Metrics:StatsdReceivers", "2"),
        new("Metrics:StatsdPrefixProjects", "true"),
        new("Metrics:FlushInterval", "01:00:00"),
    ];

    public StatsdListener Listener => Service<StatsdListener>();

    public async Task<int> UdpPortAsync()
    {
        await Listener.Started;
        return Listener.UdpPort ?? throw new InvalidOperationException("StatsD UDP is not listening.");
    }

    /// <summary>Sends each packet as one datagram, waits until the listener has read all their lines, then flushes and waits for the commit.</summary>
    public Task SendAndFlushAsync(params string[] packets) => SendAndFlushAsync(1, packets);

    /// <summary>As <see cref="SendAndFlushAsync(string[])"/>, the packets dealt round-robin over <paramref name="senders"/> UDP sockets.</summary>
    public async Task SendAndFlushAsync(int senders, params string[] packets)
    {
        var metrics = Service<VigilMetrics>();
        long Seen() => metrics.Accepted.Get(StatsdAggregator.Stream) + metrics.Rejected.Get(StatsdAggregator.Stream, "invalid");
        var before = Seen();
        var lines = packets.Sum(p => p.Split('\n').Count(l => l.Trim().Length > 0 && !l.StartsWith("_e{") && !l.StartsWith("_sc|")));
        var udp = Enumerable.Range(0, senders).Select(_ => new UdpClient()).ToList();
        var port = await UdpPortAsync();
        for (var i = 0; i < packets.Length; i++)
            await udp[i % senders].SendAsync(Encoding.UTF8.GetBytes(packets[i]), "127.0.0.1", port);
        udp.ForEach(client => client.Dispose());
        await Eventually.GetAsync(() => Task.FromResult(Seen()), seen => seen >= before + lines, TimeSpan.FromSeconds(10), $"{lines} StatsD lines to arrive");
        await Listener.FlushAsync();
    }

    /// <summary>GET /api/metrics/query with these parameters; fails the test on an error answer.</summary>
    public async Task<JsonObject> QueryAsync(string parameters) =>
        (await GetJsonAsync("/api/metrics/query?" + parameters)).AsObject();

    /// <summary>The single series' non-null values of a query.</summary>
    public async Task<List<double>> ValuesAsync(string parameters)
    {
        var result = await QueryAsync(parameters);
        var series = Assert.Single(result["series"]!.AsArray())!;
        return series["points"]!.AsArray().Select(p => p![1]).Where(v => v is not null).Select(v => v!.GetValue<double>()).ToList();
    }
}
