using System.Net;
using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Logs;

/// <summary>The live tail: a server-sent event stream that carries events stored after it opened.</summary>
public sealed class LogTailTests(VigilServerFixture server) : IClassFixture<VigilServerFixture>
{
    [Fact]
    public async Task AnEventSentAfterTheTailOpenedArrivesAndNonMatchingOnesDoNot()
    {
        var word = "tail" + Guid.NewGuid().ToString("N")[..8];
        await LogsClient.AcceptAsync(server.Http, server.DefaultKey.PublicKey, new JsonObject { ["msg"] = $"before {word}" });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/logs/tail?q=" + Uri.EscapeDataString($"{word} and level >= warning"));
        using var response = await server.Api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        Assert.Equal(": tailing", await reader.ReadLineAsync(timeout.Token));

        await LogsClient.AcceptAsync(server.Http, server.DefaultKey.PublicKey,
            new JsonObject { ["msg"] = $"quiet {word}", ["level"] = "info" },
            new JsonObject { ["msg"] = $"loud {word}", ["level"] = "error", ["orderId"] = 5 });

        string? eventName = null;
        JsonNode? data = null;
        while (data is null && await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event: "))
                eventName = line[7..];
            else if (line.StartsWith("data: "))
                data = JsonNode.Parse(line[6..]);
        }
        Assert.Equal("log", eventName);
        Assert.Equal($"loud {word}", LogsClient.Text(data, "message"));
        Assert.Equal("error", LogsClient.Text(data, "level"));
        Assert.Equal(5, data!["properties"]!["orderId"]!.GetValue<int>());
    }

    [Fact]
    public async Task ABadTailQueryIs400WithItsPosition()
    {
        using var response = await server.Api.Http.GetAsync("/api/logs/tail?q=" + Uri.EscapeDataString("status in [1,"));
        var json = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "");
        Assert.Equal("status in [1,".Length, json["position"]!.GetValue<long>());
    }

    [Fact]
    public async Task ATailQueryThatCannotRunIs400BeforeTheStreamStarts()
    {
        using var response = await server.Api.Http.GetAsync("/api/logs/tail?q=" + Uri.EscapeDataString("level = bogus"));
        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "'bogus' is not a level");
    }

    [Fact]
    public async Task TheTailNeedsSignIn()
    {
        using var response = await server.Http.GetAsync("/api/logs/tail");
        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "Authentication required");
    }
}
