using System.Diagnostics;
using System.Net.Http.Headers;

namespace Vigil.Bench.Metrics;

/// <summary>
/// Fills a series with one point per minute for N days and 20 tag values (through POST /v1/metrics,
/// in requests of 12 hours × 20 values), then times the query API's group-by over the whole span:
/// once at the resolution Vigil picks, once forced to 1-minute steps.
/// </summary>
public sealed class QueryBench(Uri url, string key, string token)
{
    public const string Name = "bench.requests";
    public const string Tag = "shard";
    public const int TagValues = 20;
    private const int MinutesPerRequest = 720;

    public async Task<(long Points, TimeSpan Elapsed, int Failed)> FillAsync(long fromMs, int days)
    {
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(5) };
        var random = new Random(11);
        var clock = Stopwatch.StartNew();
        var minutes = days * 1440;
        var failed = 0;
        long points = 0;
        for (var m = 0; m < minutes; m += MinutesPerRequest)
        {
            var count = Math.Min(MinutesPerRequest, minutes - m);
            var body = OtlpJsonBatch.DeltaCounter(Name, Tag, TagValues, fromMs + m * 60_000L, count, random);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/metrics") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add("X-Vigil-Key", key);
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                failed++;
                Console.Error.WriteLine($"  fill: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            else
                points += count * TagValues;
        }
        return (points, clock.Elapsed, failed);
    }

    public async Task<(double P50, double P95, int Groups, long Bytes)> TimeAsync(string query, int repetitions)
    {
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var first = await http.GetAsync(query); // warm-up, and the answer's shape for the table
        var text = await first.Content.ReadAsStringAsync();
        if (!first.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {query} answered {(int)first.StatusCode}: {text}");
        var groups = CountGroups(text);
        var times = new List<double>();
        for (var i = 0; i < repetitions; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync(query);
            await response.Content.ReadAsByteArrayAsync();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[times.Count / 2], times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.95) - 1)], groups, text.Length);
    }

    /// <summary>How many series came back: counted by the group tag's values in the body, whatever its exact shape.</summary>
    private static int CountGroups(string body) =>
        Enumerable.Range(0, TagValues).Count(t => body.Contains($"\"v{t:D2}\"", StringComparison.Ordinal));
}
