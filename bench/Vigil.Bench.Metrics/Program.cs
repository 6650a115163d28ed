using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Vigil.Bench.Metrics;

// The statistics benchmark: StatsD over UDP at stepped rates into Vigil and into Etsy's statsd
// (lines sent vs lines each counted, the highest rate with zero loss), then a 30-day, 1-minute
// group-by query. Markdown on stdout, progress on stderr.
var options = BenchOptions.Parse(args);
Directory.CreateDirectory(options.WorkDir);
var culture = CultureInfo.InvariantCulture;
void Say(string text) => Console.Error.WriteLine($"==> {text}");
string N(double value, string format = "N0") => value.ToString(format, culture);
var step = TimeSpan.FromSeconds(options.StepSeconds);
var maxRate = options.Rates.Max();
Say($"building the StatsD workload: {options.Series:N0} series, {N(Math.Min(2_000_000, maxRate * 2))} lines in ~{StatsdWorkload.MaxPacketBytes}-byte packets");
var workload = StatsdWorkload.Build(options.Series, Math.Min(2_000_000, maxRate * 2));
Say($"{workload.Packets.Length:N0} packets, {N(workload.LinesPerPacket.Average(), "N1")} lines each; socket buffers: rmem_default {ReadSysctl("rmem_default")}, rmem_max {ReadSysctl("rmem_max")}");

try
{
    var vigilRows = new List<(int Rate, long Sent, long Seen)>();
    var statsdPort = FreeUdpPort();
    await using (var vigil = await VigilProcess.StartAsync(options.VigilDll, Path.Combine(options.WorkDir, "udp"), FreeTcpPort(),
        new Dictionary<string, string> { ["Metrics:StatsdPort"] = statsdPort.ToString(culture) }))
    {
        using var http = new HttpClient { BaseAddress = vigil.Url };
        foreach (var rate in options.Rates)
        {
            var before = await VigilCounters.LinesSeenAsync(http, "statsd");
            Say($"Vigil: {N(rate)} lines/s for {options.StepSeconds} s (load {Load()})");
            var sent = UdpPacer.Send(workload, statsdPort, rate, step, options.Senders);
            var seen = await SettledAsync(async () => await VigilCounters.LinesSeenAsync(http, "statsd")) - before;
            vigilRows.Add((rate, sent, seen));
            Say($"  sent {N(sent)}, Vigil counted {N(seen)}");
        }
    }

    var etsyRows = new List<(int Rate, long Sent, long Seen)>();
    if (options.RunEtsy)
    {
        await using var etsy = await EtsyStatsd.StartAsync(options.StatsdDir, options.WorkDir, FreeUdpPort(), FreeTcpPort());
        foreach (var rate in options.Rates)
        {
            var before = await etsy.LinesSeenAsync();
            Say($"statsd: {N(rate)} lines/s for {options.StepSeconds} s (load {Load()})");
            var sent = UdpPacer.Send(workload, etsy.Port, rate, step, options.Senders);
            var seen = await SettledAsync(etsy.LinesSeenAsync) - before;
            etsyRows.Add((rate, sent, seen));
            Say($"  sent {N(sent)}, statsd counted {N(seen)}");
        }
    }

    Console.WriteLine($"### StatsD over UDP on loopback: {N(options.Series)} series, {N(workload.LinesPerPacket.Average(), "N1")} lines per packet, {options.Senders} sender sockets, {options.StepSeconds} s per rate");
    Console.WriteLine();
    Console.WriteLine("| Lines/s offered | Vigil: sent | Vigil: counted | Vigil loss | statsd: sent | statsd: counted | statsd loss |");
    Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
    for (var i = 0; i < vigilRows.Count; i++)
    {
        var v = vigilRows[i];
        var e = i < etsyRows.Count ? etsyRows[i] : default;
        Console.WriteLine($"| {N(v.Rate)} | {N(v.Sent)} | {N(v.Seen)} | {Loss(v.Sent, v.Seen)} | " +
                          (options.RunEtsy ? $"{N(e.Sent)} | {N(e.Seen)} | {Loss(e.Sent, e.Seen)} |" : "– | – | – |"));
    }
    var vigilBest = Lossless(vigilRows);
    var etsyBest = Lossless(etsyRows);
    Console.WriteLine();
    Console.WriteLine($"Highest rate with zero loss: Vigil **{N(vigilBest)} lines/s**" + (options.RunEtsy
        ? $", Etsy statsd **{N(etsyBest)} lines/s** (ratio {(etsyBest > 0 ? N((double)vigilBest / etsyBest, "N1") + "×" : "n/a: statsd lost lines at every rate")})."
        : "."));
    Console.WriteLine();

    if (options.RunQuery)
    {
        await using var vigil = await VigilProcess.StartAsync(options.VigilDll, Path.Combine(options.WorkDir, "query"), FreeTcpPort(), new Dictionary<string, string>());
        var bench = new QueryBench(vigil.Url, vigil.Key, vigil.Token);
        var toMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 60_000 * 60_000;
        var fromMs = toMs - options.Days * 86_400_000L;
        Say($"query: filling {options.Days} days × 1,440 minutes × {QueryBench.TagValues} tag values through /v1/metrics");
        var fill = await bench.FillAsync(fromMs, options.Days);
        Say($"  {N(fill.Points)} points in {N(fill.Elapsed.TotalSeconds, "N1")} s ({N(fill.Points / fill.Elapsed.TotalSeconds)} points/s), {fill.Failed} failed requests");
        var query = $"/api/metrics/query?project=default&name={QueryBench.Name}&agg=sum&groupBy={QueryBench.Tag}&from={fromMs}&to={toMs}";
        var auto = await bench.TimeAsync(query, options.Repetitions);
        var minute = await bench.TimeAsync(query + "&step=60000", options.Repetitions);
        Console.WriteLine($"### Query: {options.Days} days of 1-minute points × {QueryBench.TagValues} tag values ({N(fill.Points)} points), group-by, {options.Repetitions} runs after one warm-up");
        Console.WriteLine();
        Console.WriteLine("| Query | p50 | p95 | Groups | Response bytes |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine($"| sum by {QueryBench.Tag}, whole span, step chosen by Vigil | {N(auto.P50, "N1")} ms | {N(auto.P95, "N1")} ms | {auto.Groups} | {N(auto.Bytes)} |");
        Console.WriteLine($"| sum by {QueryBench.Tag}, whole span, step=60000 (1-minute resolution) | {N(minute.P50, "N1")} ms | {N(minute.P95, "N1")} ms | {minute.Groups} | {N(minute.Bytes)} |");
        Console.WriteLine();
    }
    Console.WriteLine($"Load average at the end: {Load()}; nproc {Environment.ProcessorCount}.");
    return 0;
}
finally
{
    if (args.Contains("--keep"))
        Console.Error.WriteLine($"==> kept {options.WorkDir}");
    else
        Directory.Delete(options.WorkDir, recursive: true);
}

// Waits until a counter stops moving (the server drained its socket and queue), up to 30 s.
static async Task<long> SettledAsync(Func<Task<long>> read)
{
    var last = await read();
    for (var i = 0; i < 60; i++)
    {
        await Task.Delay(500);
        var now = await read();
        if (now == last && i >= 3)
            return now;
        last = now;
    }
    return last;
}

// The highest rate that lost nothing with every lower rate lossless too: one lucky step above a
// lossy one is not a rate the server holds.
static int Lossless(List<(int Rate, long Sent, long Seen)> rows) =>
    rows.OrderBy(r => r.Rate).TakeWhile(r => r.Sent > 0 && r.Seen >= r.Sent).Select(r => r.Rate).DefaultIfEmpty(0).Max();

static string Loss(long sent, long seen) =>
    sent == 0 ? "–" : seen >= sent ? "0" : $"{(sent - seen) * 100.0 / sent:N2}%";

static string ReadSysctl(string name)
{
    var path = $"/proc/sys/net/core/{name}";
    return File.Exists(path) ? File.ReadAllText(path).Trim() : "?";
}

static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

static int FreeTcpPort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static int FreeUdpPort()
{
    using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    return ((IPEndPoint)socket.LocalEndPoint!).Port;
}
