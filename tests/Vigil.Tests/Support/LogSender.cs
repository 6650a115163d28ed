using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Features.Projects;

namespace Vigil.Tests.Support;

/// <summary>Sends logs the way an app's log shipper does: NDJSON lines to POST /api/logs with the
/// project key in X-Vigil-Key. Ingest answers after the batch committed, so a search right after sees them.</summary>
public static class LogSender
{
    public static async Task SendAsync(VigilServerFixture server, ProjectKey key, params JsonObject[] lines)
    {
        var body = string.Join("\n", lines.Select(l => l.ToJsonString()));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/logs")
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/x-ndjson")),
        };
        request.Headers.Add("X-Vigil-Key", key.PublicKey);
        using var response = await server.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"log ingest answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>One log line, <paramref name="ago"/> before now (default a minute), so it falls in the page's default last hour.</summary>
    public static JsonObject Line(string level, string message, object? properties = null, TimeSpan? ago = null)
    {
        var line = properties is null ? [] : JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(properties))!.AsObject();
        line["timestamp"] = DateTimeOffset.UtcNow.Add(-(ago ?? TimeSpan.FromMinutes(1))).ToString("O");
        line["level"] = level;
        line["message"] = message;
        return line;
    }
}
