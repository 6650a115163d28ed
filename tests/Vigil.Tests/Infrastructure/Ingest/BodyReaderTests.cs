using System.Net.Sockets;
using System.Text;
using Vigil.Tests.Support;

namespace Vigil.Tests.Infrastructure.Ingest;

/// <summary>A sender that stops short of its Content-Length is a bad request, not a server fault.</summary>
public sealed class BodyReaderTests(VigilServerFixture server) : IClassFixture<VigilServerFixture>
{
    [Fact]
    public async Task ABodyCutShortOfItsContentLengthIsCountedAsInvalidAndTheServerStaysWell()
    {
        var before = await InvalidCountAsync();
        var uri = new Uri(server.BaseUrl);
        using var client = new TcpClient();
        await client.ConnectAsync(uri.Host, uri.Port);
        var stream = client.GetStream();
        var head = $"POST /api/{server.DefaultProject.Id}/envelope/ HTTP/1.1\r\nHost: {uri.Authority}\r\n" +
                   $"X-Sentry-Auth: {SentryIngestClient.AuthHeader(server.DefaultKey.PublicKey)}\r\nContent-Length: 1000\r\n\r\n{{\"event_id\":";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        // Let the key check finish so the edge is reading the body when the sender gives up (before
        // that, the request is simply aborted and there is no body to count).
        await Task.Delay(1000);
        client.Client.Shutdown(SocketShutdown.Send);
        // Kestrel resets a half-closed connection, so the 400 is seen where operators see it: in /metrics.
        await Eventually.GetAsync(InvalidCountAsync, count => count > before, what: "the cut body counted as invalid");
        await ProblemAssert.ServerIsHealthyAsync(server.Http);
    }

    private async Task<long> InvalidCountAsync()
    {
        var text = await server.Http.GetStringAsync("/metrics");
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("vigil_ingest_rejected_total{stream=\"error\",reason=\"invalid\"}", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ')[^1]);
    }
}
