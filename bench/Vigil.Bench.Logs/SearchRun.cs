using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Vigil.Bench.Logs;

/// <summary>Latencies of one query through GET /api/logs, and what it found (events or aggregate rows).</summary>
public sealed record Latencies(string Name, IReadOnlyList<double> Milliseconds, long Found)
{
    public double P50 => Percentile(50);
    public double P95 => Percentile(95);

    private double Percentile(double p)
    {
        var sorted = Milliseconds.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p / 100 * sorted.Length) - 1)];
    }
}

/// <summary>Times queries through the HTTP API with a bearer token: one untimed warm-up, then repetitions.</summary>
public sealed class SearchRun(Uri server, string token) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = server, Timeout = TimeSpan.FromMinutes(2) };

    public async Task<Latencies> TimeAsync(string name, string query, int repetitions)
    {
        long found = 0;
        await GetAsync(query);
        var times = new List<double>(repetitions);
        for (var i = 0; i < repetitions; i++)
        {
            var clock = Stopwatch.StartNew();
            found = await GetAsync(query);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return new Latencies(name, times, found);
    }

    /// <summary>The number of events stored in [<paramref name="fromMs"/>, <paramref name="toMs"/>), counted by the server.</summary>
    public async Task<long> CountAsync(long fromMs, long toMs)
    {
        using var json = await GetJsonAsync($"q={Uri.EscapeDataString("| count()")}&from={fromMs}&to={toMs}");
        return json.RootElement.GetProperty("rows")[0][0].GetInt64();
    }

    private async Task<long> GetAsync(string query)
    {
        using var json = await GetJsonAsync(query);
        var root = json.RootElement;
        return root.TryGetProperty("events", out var events) ? events.GetArrayLength() : root.GetProperty("rows").GetArrayLength();
    }

    private async Task<JsonDocument> GetJsonAsync(string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/logs?" + query);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET /api/logs?{query} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body);
    }

    public void Dispose() => _http.Dispose();
}
