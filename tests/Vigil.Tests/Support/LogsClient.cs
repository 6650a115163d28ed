using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Vigil.Tests.Support;

/// <summary>Sends log bodies the way clients do (a project key in a header) and reads them back
/// through GET /api/logs as a script would.</summary>
public static class LogsClient
{
    public static Task<HttpResponseMessage> PostAsync(HttpClient http, string path, string body, string? key,
        string contentType = "application/x-ndjson", string keyHeader = "X-Vigil-Key") =>
        PostAsync(http, path, Encoding.UTF8.GetBytes(body), key, contentType, keyHeader);

    public static Task<HttpResponseMessage> PostAsync(HttpClient http, string path, byte[] body, string? key,
        string contentType, string keyHeader = "X-Vigil-Key", string? contentEncoding = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (contentEncoding is not null)
            request.Content.Headers.ContentEncoding.Add(contentEncoding);
        if (key is not null)
            request.Headers.TryAddWithoutValidation(keyHeader, key);
        return http.SendAsync(request);
    }

    /// <summary>Posts NDJSON lines to /api/logs and fails the test unless all were stored.</summary>
    public static async Task AcceptAsync(HttpClient http, string key, params JsonObject[] lines)
    {
        using var response = await PostAsync(http, "/api/logs", string.Join('\n', lines.Select(l => l.ToJsonString())), key);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"NDJSON ingest answered {(int)response.StatusCode}: {body}");
    }

    /// <summary>GET /api/logs as JSON; fails with the body on an error status.</summary>
    public static Task<JsonNode> QueryAsync(VigilApi api, string q, string project = "default", string range = "since=1h", string? extra = null) =>
        api.GetJsonAsync($"/api/logs?project={project}&q={Uri.EscapeDataString(q)}&{range}{(extra is null ? "" : "&" + extra)}");

    /// <summary>The events a query finds, newest first.</summary>
    public static async Task<JsonArray> SearchAsync(VigilApi api, string q, string project = "default", string range = "since=1h") =>
        (await QueryAsync(api, q, project, range, "limit=1000"))["events"]!.AsArray();

    /// <summary>Waits until a query finds at least <paramref name="count"/> events (ingest through a queue
    /// that is not one HTTP request, such as syslog, lands a little later).</summary>
    public static Task<JsonArray> EventuallyAsync(VigilApi api, string q, int count = 1, string project = "default") =>
        Eventually.GetAsync(() => SearchAsync(api, q, project), events => events.Count >= count, what: $"{count} events for '{q}'");

    public static string Text(JsonNode? node, string name) => node?[name]?.GetValue<string>() ?? "";
}
