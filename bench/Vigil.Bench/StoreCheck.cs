using System.Net.Http.Headers;
using System.Text.Json;

namespace Vigil.Bench;

/// <summary>After a run, asks the server's API what it stored: every acknowledged event must be
/// counted on an issue, and the 50 bugs must have become exactly 50 issues.</summary>
internal static class StoreCheck
{
    public sealed record Result(long StoredEvents, int Issues);

    public static async Task<Result> RunAsync(string baseUrl, string token)
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var json = await client.GetStringAsync("/api/projects/default/issues?status=all&limit=1000");
        using var document = JsonDocument.Parse(json);
        long events = 0;
        var issues = 0;
        foreach (var issue in document.RootElement.EnumerateArray())
        {
            events += issue.GetProperty("count").GetInt64();
            issues++;
        }
        return new Result(events, issues);
    }
}
