using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Tests.Support;
using static Vigil.Tests.Support.SentryPayloads;

namespace Vigil.Tests.Features.Errors.Ingest;

/// <summary>The body encodings and the three places a key can come from, as SDKs use them.</summary>
public sealed class EncodingAndAuthTests(VigilServerFixture server) : IClassFixture<VigilServerFixture>
{
    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    public async Task CompressedEnvelopeIsAccepted(string encoding)
    {
        var ev = Exception("Compressed" + encoding, "sent compressed");
        using var response = await server.SendEnvelopeAsync(Compress(EventEnvelope(ev), encoding), contentEncoding: encoding);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(EventIdOf(ev), await server.StoredEventIdsAsync());
    }

    [Fact]
    public async Task StoreEndpointAcceptsAPlainEvent()
    {
        var ev = Exception("LegacyStore", "sent to /store/");
        using var response = await PostAsync($"/api/{server.DefaultProject.Id}/store/", Encoding.UTF8.GetBytes(ev.ToJsonString()),
            headers: ("X-Sentry-Auth", SentryIngestClient.AuthHeader(server.DefaultKey.PublicKey)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(EventIdOf(ev), JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>());
        Assert.Contains(EventIdOf(ev), await server.StoredEventIdsAsync());
    }

    [Fact]
    public async Task KeyInTheQueryStringIsAccepted()
    {
        var ev = Exception("QueryKey", "sentry_key in the URL");
        using var response = await PostAsync(
            $"/api/{server.DefaultProject.Id}/envelope/?sentry_key={server.DefaultKey.PublicKey}&sentry_version=7", EventEnvelope(ev));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(EventIdOf(ev), await server.StoredEventIdsAsync());
    }

    [Fact]
    public async Task KeyInTheEnvelopeDsnIsAccepted()
    {
        var ev = Exception("DsnKey", "dsn in the envelope header");
        var header = new JsonObject { ["event_id"] = EventIdOf(ev), ["dsn"] = server.Dsn }.ToJsonString();
        var body = EventEnvelope(ev);
        var rest = body.AsSpan(body.AsSpan().IndexOf((byte)'\n')).ToArray();
        using var response = await PostAsync($"/api/{server.DefaultProject.Id}/envelope/", [.. Encoding.UTF8.GetBytes(header), .. rest]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(EventIdOf(ev), await server.StoredEventIdsAsync());
    }

    [Fact]
    public async Task EnvelopeWithoutAnyKeyIsUnauthorized()
    {
        using var response = await PostAsync($"/api/{server.DefaultProject.Id}/envelope/", EventEnvelope(Exception("NoKey", "x")));
        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "No Sentry key");
    }

    [Fact]
    public async Task AnUnknownHeaderKeyIsRefusedBeforeTheBodyIsRead()
    {
        // The body claims gzip but is not: had it been read first, the answer would be a 400 about the encoding.
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/{server.DefaultProject.Id}/envelope/") { Content = new ByteArrayContent("not gzip at all"u8.ToArray()) };
        request.Content.Headers.ContentEncoding.Add("gzip");
        request.Headers.TryAddWithoutValidation("X-Sentry-Auth", SentryIngestClient.AuthHeader("0123456789abcdef0123456789abcdef"));
        using var response = await server.Http.SendAsync(request);
        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "Unknown Sentry key");
    }

    private async Task<HttpResponseMessage> PostAsync(string path, byte[] body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        return await server.Http.SendAsync(request);
    }

    private static byte[] Compress(byte[] data, string encoding)
    {
        using var output = new MemoryStream();
        using (Stream compressor = encoding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
            "deflate" => new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true),
            _ => new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true),
        })
        {
            compressor.Write(data);
        }
        return output.ToArray();
    }
}
