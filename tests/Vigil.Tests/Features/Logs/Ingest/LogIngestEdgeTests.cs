using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Vigil.Features.Projects.Storage;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Logs.Ingest;

/// <summary>The log edge refuses what it must (bad keys, bad bodies, oversize) with the right status
/// and a reason, keeps the good neighbours of bad lines, and counts what it stored.</summary>
public sealed class LogIngestEdgeTests(LogIngestEdgeTests.SmallBodyServer server) : IClassFixture<LogIngestEdgeTests.SmallBodyServer>
{
    public sealed class SmallBodyServer : VigilServerFixture
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [new("Ingest:MaxEnvelopeBytes", "65536"), new("Ingest:MaxDecompressedBytes", "65536")];
    }

    private static string Word() => "w" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task BadNdjsonLinesAre400WithCausesWhileTheGoodLinesAreStored()
    {
        var word = Word();
        var body = $"{{\"msg\":\"first {word}\"}}\nnot json at all\n{{\"msg\":\"third {word}\"}}\n[1,2]\n";
        using var response = await LogsClient.PostAsync(server.Http, "/api/logs", body, server.DefaultKey.PublicKey);

        var json = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "2 of 4 events were rejected");
        Assert.Equal(2, json["accepted"]!.GetValue<int>());
        var causes = json["causes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Equal(2, causes.Count);
        Assert.StartsWith("line 2:", causes[0]);
        Assert.StartsWith("line 4:", causes[1]);
        Assert.All(causes, c => Assert.Single(Regex.Matches(c, "line \\d+:")));
        var stored = await LogsClient.SearchAsync(server.Api, word);
        Assert.Equal([$"third {word}", $"first {word}"], stored.Select(e => LogsClient.Text(e, "message")));
    }

    [Fact]
    public async Task OtlpJsonWithABadRecordAnswersPartialSuccessAndStoresTheRest()
    {
        var word = Word();
        var body = $$$"""
            {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"otlp-json"}}]},
              "scopeLogs":[{"scope":{"name":"tests"},"logRecords":[
                {"timeUnixNano":"{{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000}}}","severityNumber":17,"body":{"stringValue":"kept {{{word}}}"}},
                42
              ]}]}]}
            """;
        using var response = await LogsClient.PostAsync(server.Http, "/v1/logs", body, server.DefaultKey.PublicKey, "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("1", answer["partialSuccess"]!["rejectedLogRecords"]!.ToString());
        Assert.False(string.IsNullOrEmpty(answer["partialSuccess"]!["errorMessage"]!.GetValue<string>()));
        var stored = Assert.Single(await LogsClient.SearchAsync(server.Api, word))!;
        Assert.Equal("error", LogsClient.Text(stored, "level"));
        Assert.Equal("otlp-json", LogsClient.Text(stored, "service"));
    }

    [Fact]
    public async Task TheCapturedExporterBodyIsAcceptedWithAnEmptyResponse()
    {
        var body = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Features", "Logs", "Ingest", "Fixtures", "otel-dotnet-logs.pb"));
        var project = await server.CreateProjectAsync("Pb " + Guid.NewGuid().ToString("N")[..6]);
        using var response = await LogsClient.PostAsync(server.Http, "/v1/logs", body, project.Key.PublicKey, "application/x-protobuf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(6, (await LogsClient.SearchAsync(server.Api, "", project.Project.Slug, "since=3650d")).Count);
    }

    [Fact]
    public async Task InvalidProtobufIs400()
    {
        using var response = await LogsClient.PostAsync(server.Http, "/v1/logs", [0x0A, 0xFF, 0xFF, 0xFF, 0x0F, 0x01], server.DefaultKey.PublicKey, "application/x-protobuf");
        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "not valid OTLP protobuf");
    }

    [Fact]
    public async Task AMissingOrUnknownKeyIs401AndARevokedKeyIs403()
    {
        const string line = """{"msg":"who am I"}""";
        using (var none = await LogsClient.PostAsync(server.Http, "/api/logs", line, null))
            await ProblemAssert.IsAsync(none, HttpStatusCode.Unauthorized, "No ingest key");
        using (var unknown = await LogsClient.PostAsync(server.Http, "/api/logs", line, new string('0', 32)))
            await ProblemAssert.IsAsync(unknown, HttpStatusCode.Unauthorized, "Unknown ingest key");

        var (project, key) = await server.CreateProjectAsync("Revoked " + Guid.NewGuid().ToString("N")[..6]);
        Assert.True(await server.Service<ProjectStore>().RevokeKeyAsync(project.Id, key.Id));
        using var revoked = await LogsClient.PostAsync(server.Http, "/api/logs", line, key.PublicKey, keyHeader: "X-Seq-ApiKey");
        await ProblemAssert.IsAsync(revoked, HttpStatusCode.Forbidden, "revoked");
        Assert.Empty(await LogsClient.SearchAsync(server.Api, "", project.Slug));
    }

    [Fact]
    public async Task AGzipBodyIsDecompressed()
    {
        var word = Word();
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(Encoding.UTF8.GetBytes($"{{\"msg\":\"zipped {word}\"}}\n"));
        using var response = await LogsClient.PostAsync(server.Http, "/api/logs", compressed.ToArray(), server.DefaultKey.PublicKey, "application/x-ndjson", contentEncoding: "gzip");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await LogsClient.SearchAsync(server.Api, word));
    }

    [Fact]
    public async Task ABodyOverTheLimitIs413AndNothingIsStored()
    {
        var word = Word();
        var line = $"{{\"msg\":\"big {word} {new string('x', 1000)}\"}}\n";
        using var response = await LogsClient.PostAsync(server.Http, "/api/logs", string.Concat(Enumerable.Repeat(line, 100)), server.DefaultKey.PublicKey);
        await ProblemAssert.IsAsync(response, HttpStatusCode.RequestEntityTooLarge, "limit");
        Assert.Empty(await LogsClient.SearchAsync(server.Api, word));
    }

    [Fact]
    public async Task StoredEventsAreCountedInTheLogStreamsAcceptedTotal()
    {
        var before = await AcceptedAsync();
        var word = Word();
        await LogsClient.AcceptAsync(server.Http, server.DefaultKey.PublicKey,
            [.. Enumerable.Range(0, 3).Select(i => new JsonObject { ["msg"] = $"counted {i} {word}" })]);
        Assert.Equal(before + 3, await AcceptedAsync());
        Assert.Equal(3, (await LogsClient.SearchAsync(server.Api, word)).Count);
    }

    private async Task<long> AcceptedAsync()
    {
        var metrics = await server.Http.GetStringAsync("/metrics");
        var match = Regex.Match(metrics, @"vigil_ingest_accepted_total\{stream=""log""\} (\d+)");
        return match.Success ? long.Parse(match.Groups[1].Value) : 0;
    }
}
