using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Vigil.Bench;

/// <summary>Sends envelopes the way many SDK instances would: closed-loop senders for maximum
/// throughput, or an open-loop schedule at a fixed rate where latency runs from the scheduled send
/// time, so a stalled server is charged for the requests it delayed (no coordinated omission).</summary>
internal sealed class LoadGenerator : IDisposable
{
    /// <summary>Failure keys that are not HTTP statuses.</summary>
    public const int ConnectionFailed = 0, Cancelled = -1;

    private readonly HttpClient _client;
    private readonly EnvelopeCorpus _corpus;
    private readonly Uri _endpoint;
    private readonly string _auth;
    private readonly ConcurrentDictionary<int, long> _failures = new();
    private long _acknowledged;
    private long _sent;

    public LoadGenerator(EnvelopeCorpus corpus, int connections)
    {
        _corpus = corpus;
        var dsn = new Uri(corpus.Dsn);
        var key = dsn.UserInfo.Split(':')[0];
        var projectId = dsn.AbsolutePath.Trim('/').Split('/')[^1];
        _endpoint = new Uri($"{dsn.Scheme}://{dsn.Host}:{dsn.Port}/api/{projectId}/envelope/");
        _auth = $"Sentry sentry_version=7, sentry_client=sentry.javascript.node/8.42.0, sentry_key={key}";
        _client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        }) { Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task<LoadResult> RunAsync(Scenario scenario)
    {
        var latency = new LatencyHistogram();
        var clock = Stopwatch.StartNew();
        var measureFrom = scenario.Warmup;
        var end = scenario.Warmup + scenario.Duration;
        long measured = 0, late = 0;
        void Completed(TimeSpan scheduled, bool ok)
        {
            // Throughput: what the server acknowledged during the window. Latency: what was sent in it.
            var done = clock.Elapsed;
            if (ok && done >= measureFrom && done <= end)
                Interlocked.Increment(ref measured);
            else if (ok && done > end)
                Interlocked.Increment(ref late);
            if (scheduled >= measureFrom)
                latency.Record(done - scheduled);
        }

        if (scenario.Mode == LoadMode.Max)
        {
            var senders = Enumerable.Range(0, scenario.Senders).Select(_ => Task.Run(async () =>
            {
                while (clock.Elapsed < end)
                {
                    var started = clock.Elapsed;
                    Completed(started, await SendAsync());
                }
            }));
            await Task.WhenAll(senders);
        }
        else
        {
            await RunFixedAsync(scenario.Rate, end, clock, Completed);
        }
        return new LoadResult(measured, scenario.Duration, latency, new Dictionary<int, long>(_failures),
            Interlocked.Read(ref _acknowledged), Interlocked.Read(ref _sent), late);
    }

    private async Task RunFixedAsync(int rate, TimeSpan end, Stopwatch clock, Action<TimeSpan, bool> completed)
    {
        using var giveUp = new CancellationTokenSource();
        var inFlight = new List<Task>();
        var total = (long)(rate * end.TotalSeconds);
        var thread = new Thread(() =>
        {
            for (long i = 0; i < total; i++)
            {
                var scheduled = TimeSpan.FromSeconds(i / (double)rate);
                while (clock.Elapsed < scheduled)
                    Thread.Sleep(1);
                var send = Task.Run(async () => completed(scheduled, await SendAsync(giveUp.Token)));
                lock (inFlight)
                    inFlight.Add(send);
            }
        }) { IsBackground = true, Name = "scheduler" };
        thread.Start();
        await Task.Run(thread.Join);
        Task[] all;
        lock (inFlight)
            all = [.. inFlight];
        // Bounded in time: a server that fell behind the schedule gets a grace period, then what is
        // still outstanding is cancelled and counted (its latency recorded as a lower bound).
        await Task.WhenAny(Task.WhenAll(all), Task.Delay(FixedRateGrace));
        await giveUp.CancelAsync();
        await Task.WhenAll(all);
    }

    public static readonly TimeSpan FixedRateGrace = TimeSpan.FromSeconds(10);

    private async Task<bool> SendAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _sent);
        using var content = new ByteArrayContent(_corpus.NextBody());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-sentry-envelope");
        if (_corpus.Gzip)
            content.Headers.ContentEncoding.Add("gzip");
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = content };
        request.Headers.TryAddWithoutValidation("X-Sentry-Auth", _auth);
        try
        {
            using var response = await _client.SendAsync(request, cancellationToken);
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Interlocked.Increment(ref _acknowledged);
                return true;
            }
            if (_failures.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1) == 1)
                Console.Error.WriteLine($"  first {(int)response.StatusCode}: {answer}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _failures.AddOrUpdate(Cancelled, 1, (_, n) => n + 1);
        }
        catch (Exception)
        {
            _failures.AddOrUpdate(ConnectionFailed, 1, (_, n) => n + 1);
        }
        return false;
    }

    public void Dispose() => _client.Dispose();
}
