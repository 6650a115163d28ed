using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Features.Metrics;

namespace Vigil.Tests.Features.Metrics.Ingest;

/// <summary>POST /v1/metrics with bodies the exporter never sends: JSON, gzip, bad points, garbage, no key.</summary>
public sealed class OtlpMetricsEdgeTests(OtlpMetricsServer server) : IClassFixture<OtlpMetricsServer>
{
    private static string Gauges(string name, params string[] points) => $$$"""
        {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"edge"}}]},
          "scopeMetrics":[{"metrics":[{"name":"{{{name}}}","gauge":{"dataPoints":[{{{string.Join(",", points)}}}]}}]}]}]}
        """;

    private static string Point(double value) =>
        $$"""{"asDouble":{{value}},"timeUnixNano":"{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000}}"}""";

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string contentType, string? key = null, string? encoding = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/metrics") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (encoding is not null)
            request.Content.Headers.ContentEncoding.Add(encoding);
        request.Headers.Add("X-Vigil-Key", key ?? server.DefaultKey.PublicKey);
        return await server.Http.SendAsync(request);
    }

    private static string Name() => $"edge{Guid.NewGuid():N}"[..12];

    [Fact]
    public async Task JsonBodyIsStoredAndAnsweredWithAnEmptyJsonResponse()
    {
        var name = Name();
        using var response = await PostAsync(Encoding.UTF8.GetBytes(Gauges(name, Point(4.5))), "application/json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        var sample = Assert.Single(await server.StoredSamplesAsync(name));
        Assert.Equal((MetricKind.Gauge, 4.5), (sample.Value.Kind, sample.Value.Last));
        Assert.Contains(new("service", "edge"), sample.Tags);
    }

    [Fact]
    public async Task GzipBodyIsDecompressed()
    {
        var name = Name();
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(Encoding.UTF8.GetBytes(Gauges(name, Point(1))));
        using var response = await PostAsync(compressed.ToArray(), "application/json", encoding: "gzip");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await server.StoredSamplesAsync(name));
    }

    [Fact]
    public async Task ABadPointAmongGoodOnesIsReportedAsPartialSuccessAndTheGoodOnesAreKept()
    {
        var name = Name();
        using var response = await PostAsync(Encoding.UTF8.GetBytes(Gauges(name, Point(1), """{"asDouble":"NaN"}""", Point(3))), "application/json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var partial = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["partialSuccess"]!;
        Assert.Equal("1", partial["rejectedDataPoints"]!.GetValue<string>());
        Assert.Contains($"metrics[0] ({name}).gauge.dataPoints[1]: the value must be a finite number", partial["errorMessage"]!.GetValue<string>());
        var sample = Assert.Single(await server.StoredSamplesAsync(name));
        Assert.Equal(2, sample.Value.Count); // both good points, merged into one 10-second bucket
    }

    [Fact]
    public async Task AnUndecodableProtobufBodyIsA400WithAnRpcStatus()
    {
        using var response = await PostAsync([0x0A, 0x40, 0x01], "application/x-protobuf");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x08, 0x03, 0x12], body[..3]); // code = INVALID_ARGUMENT, then the message
        Assert.Contains("runs past the end", Encoding.UTF8.GetString(body));
    }

    [Fact]
    public async Task AnUndecodableJsonBodyIsA400WithAJsonStatus()
    {
        using var response = await PostAsync("{\"resourceMetrics\":"u8.ToArray(), "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(3, status["code"]!.GetValue<int>());
        Assert.StartsWith("The body is not a valid OTLP JSON", status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task WithoutAKeyTheRequestIsA401AndNothingIsStored()
    {
        var name = Name();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/metrics") { Content = new StringContent(Gauges(name, Point(1)), Encoding.UTF8, "application/json") };
        using var response = await server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("No ingest key", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>());
        using var wrong = await PostAsync(Encoding.UTF8.GetBytes(Gauges(name, Point(1))), "application/json", key: "not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Empty(await server.StoredSamplesAsync(name));
    }

    [Fact]
    public async Task TheKeyMayComeAsABearerTokenOrInTheQuery()
    {
        var name = Name();
        using var bearer = new HttpRequestMessage(HttpMethod.Post, "/v1/metrics") { Content = new StringContent(Gauges(name, Point(1)), Encoding.UTF8, "application/json") };
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.DefaultKey.PublicKey);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.SendAsync(bearer)).StatusCode);
        using var query = await server.Http.PostAsync($"/v1/metrics?apiKey={server.DefaultKey.PublicKey}", new StringContent(Gauges(name, Point(2)), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        Assert.Equal(2, (await server.StoredSamplesAsync(name)).Sum(s => s.Value.Count));
    }
}
