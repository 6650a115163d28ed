using System.Net;
using System.Text.Json.Nodes;

namespace Vigil.Tests.Support;

/// <summary>Checks an error answer: its status, a JSON body whose detail names the problem, and that the server is still well.</summary>
public static class ProblemAssert
{
    public static async Task<JsonObject> IsAsync(HttpResponseMessage response, HttpStatusCode status, string detailContains)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.StartsWith("application/", response.Content.Headers.ContentType?.MediaType);
        var json = JsonNode.Parse(body)!.AsObject();
        var detail = json["detail"]?.GetValue<string>() ?? "";
        Assert.True(detail.Contains(detailContains, StringComparison.OrdinalIgnoreCase), $"detail \"{detail}\" does not mention \"{detailContains}\"");
        return json;
    }

    public static async Task ServerIsHealthyAsync(HttpClient http)
    {
        using var ready = await http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}
