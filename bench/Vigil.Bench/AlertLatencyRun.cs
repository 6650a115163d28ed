using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Vigil.Bench;

/// <summary>
/// Issue 5's benchmark: from an ingested Sentry event that creates a new issue to the webhook request
/// arriving at a receiver on loopback, while background load of known bugs is ingested at a fixed
/// rate. A webhook channel, a route for "error" and an issue_created rule are set up through the API
/// as an operator would; probes are small events with a fingerprint of their own, sent on a schedule
/// and timed from the moment each send starts to the moment its notification arrives.
/// </summary>
internal static partial class AlertLatencyRun
{
    public static async Task<int> RunAsync(string vigilDll, BenchSettings settings)
    {
        var probes = settings.Probes;
        var probeInterval = settings.ProbeInterval;
        await using var server = await ServerProcess.StartAsync(vigilDll, null, settings.ServerEnvironment);
        var token = await server.CreateTokenAsync(vigilDll);
        using var api = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var receiver = new HttpListener();
        var hookUrl = $"http://127.0.0.1:{Shell.FreePort()}/hook/";
        receiver.Prefixes.Add(hookUrl);
        receiver.Start();
        await ConfigureAsync(api, hookUrl);

        var clock = Stopwatch.StartNew();
        var sentAt = new TimeSpan?[probes];
        var latency = new LatencyHistogram();
        var arrived = 0;
        var listening = ReceiveAsync(receiver, clock, sentAt, latency, () => Interlocked.Increment(ref arrived));

        var corpus = EnvelopeCorpus.Build(server.Dsn, bugs: 50, variantsPerBug: 20, settings.Gzip);
        var background = new Scenario("sqlite", LoadMode.Fixed, settings.Senders, settings.Rate, settings.Warmup,
            probeInterval * probes + TimeSpan.FromSeconds(2));
        Console.Error.WriteLine($"alert latency: {settings.Rate:N0} events/s of 50 known bugs, {probes} new-issue probes every {probeInterval.TotalMilliseconds:N0} ms after {settings.Warmup.TotalSeconds:N0} s warm-up");
        LoadResult load;
        using (var generator = new LoadGenerator(corpus, connections: Math.Max(settings.Senders, 256)))
        {
            var loadTask = generator.RunAsync(background);
            using var probeClient = new HttpClient();
            await Task.Delay(settings.Warmup);
            var sends = new List<Task>();
            for (var i = 0; i < probes; i++)
            {
                var due = settings.Warmup + probeInterval * (i + 1);
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait);
                sentAt[i] = clock.Elapsed;
                sends.Add(SendProbeAsync(probeClient, server.Dsn, i));
            }
            await Task.WhenAll(sends);
            load = await loadTask;
        }
        var deadline = clock.Elapsed + TimeSpan.FromSeconds(30);
        while (Volatile.Read(ref arrived) < probes && clock.Elapsed < deadline)
            await Task.Delay(100);
        receiver.Stop();
        await listening.ContinueWith(_ => { });

        var ms = (TimeSpan t) => t.TotalMilliseconds.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        Console.WriteLine();
        Console.WriteLine("| background load | acknowledged events/s | probes | notified | p50 ms | p90 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| fixed {settings.Rate:N0} events/s (8 KB, gzip) | {load.EventsPerSecond:N0} | {probes} | {latency.Count} | " +
            $"{ms(latency.Percentile(50))} | {ms(latency.Percentile(90))} | {ms(latency.Percentile(99))} | {ms(latency.Max)} |");
        return latency.Count == probes ? 0 : 1;
    }

    /// <summary>A webhook channel, "error" routed to it, and a rule that fires on every new issue.</summary>
    private static async Task ConfigureAsync(HttpClient api, string hookUrl)
    {
        var channel = await PostAsync(api, "/api/projects/default/channels",
            new { name = "bench hook", kind = "webhook", options = new { url = hookUrl, secret = "bench-secret" } });
        var channelId = channel.GetProperty("id").GetInt64();
        using var routing = await api.PutAsJsonAsync("/api/projects/default/alert-routing",
            new { severities = new Dictionary<string, object> { ["error"] = new[] { new { channels = new[] { channelId } } } } });
        await EnsureAsync(routing);
        await PostAsync(api, "/api/projects/default/alert-rules",
            new { name = "Every new issue", kind = "issue_created", severity = "error", parameters = new { } });
    }

    private static async Task<JsonElement> PostAsync(HttpClient api, string path, object body)
    {
        using var response = await api.PostAsJsonAsync(path, body);
        await EnsureAsync(response);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static async Task EnsureAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A small message event whose SDK fingerprint makes it a new issue of its own.</summary>
    private static async Task SendProbeAsync(HttpClient client, string dsn, int probe)
    {
        var uri = new Uri(dsn);
        var key = uri.UserInfo.Split(':')[0];
        var projectId = uri.AbsolutePath.Trim('/');
        var eventId = Guid.NewGuid().ToString("N");
        var payload = JsonSerializer.Serialize(new
        {
            event_id = eventId,
            timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0,
            level = "error",
            platform = "node",
            message = new { formatted = $"alert latency probe {probe}" },
            fingerprint = new[] { $"alert-latency-probe-{probe}" },
        });
        var body = $"{{\"event_id\":\"{eventId}\"}}\n{{\"type\":\"event\",\"length\":{Encoding.UTF8.GetByteCount(payload)}}}\n{payload}\n";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{uri.Scheme}://{uri.Host}:{uri.Port}/api/{projectId}/envelope/")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-sentry-envelope"),
        };
        request.Headers.TryAddWithoutValidation("X-Sentry-Auth", $"Sentry sentry_version=7, sentry_key={key}");
        using var response = await client.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            Console.Error.WriteLine($"  probe {probe}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Times each webhook whose alerts name a probe; the first arrival per probe counts.</summary>
    private static async Task ReceiveAsync(HttpListener receiver, Stopwatch clock, TimeSpan?[] sentAt, LatencyHistogram latency, Action counted)
    {
        var seen = new HashSet<int>();
        while (receiver.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await receiver.GetContextAsync();
            }
            catch (Exception) when (!receiver.IsListening)
            {
                return;
            }
            var at = clock.Elapsed;
            using (var reader = new StreamReader(context.Request.InputStream))
            {
                var text = await reader.ReadToEndAsync();
                foreach (Match match in ProbeNumber().Matches(text))
                {
                    var probe = int.Parse(match.Groups[1].Value);
                    if (probe < sentAt.Length && sentAt[probe] is { } sent && seen.Add(probe))
                    {
                        latency.Record(at - sent);
                        counted();
                    }
                }
            }
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    [GeneratedRegex(@"alert latency probe (\d+)")]
    private static partial Regex ProbeNumber();
}
