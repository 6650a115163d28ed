using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Vigil.Tests.Support;

/// <summary>The management API as a script uses it: a bearer token and JSON.</summary>
public sealed class VigilApi : IDisposable
{
    public VigilApi(string baseUrl, string token)
    {
        Http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public HttpClient Http { get; }

    public async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    public async Task<JsonArray> IssuesAsync(string projectSlug) =>
        (await GetJsonAsync($"/api/projects/{projectSlug}/issues?status=all&limit=500")).AsArray();

    /// <summary>The stored (normalized) payload of an issue's newest event.</summary>
    public async Task<JsonObject> LatestEventAsync(long issueId) =>
        (await GetJsonAsync($"/api/issues/{issueId}/events/latest"))["event"]!.AsObject();

    /// <summary>Every stored event id of a project, across its issues.</summary>
    public async Task<HashSet<string>> StoredEventIdsAsync(string projectSlug)
    {
        var ids = new HashSet<string>();
        foreach (var issue in await IssuesAsync(projectSlug))
        {
            foreach (var ev in (await GetJsonAsync($"/api/issues/{issue!["id"]}/events?limit=10000")).AsArray())
                ids.Add(ev!["eventId"]!.GetValue<string>());
        }
        return ids;
    }

    public void Dispose() => Http.Dispose();
}
