using System.Net;
using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Logs.Ingest;

/// <summary>What Serilog's Seq sink posts (CLEF to /api/events/raw?clef, its idle empty body, Seq's
/// older {"Events":[…]} JSON) and plain NDJSON as other loggers write it.</summary>
public sealed class ClefIngestTests(VigilServerFixture server) : IClassFixture<VigilServerFixture>
{
    private static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Features", "Logs", "Ingest", "Fixtures", name));

    [Fact]
    public async Task ClefPostedAsTheSeqSinkPostsItIsStoredWithTemplateLevelTraceAndProperties()
    {
        var project = await server.CreateProjectAsync("Clef " + Guid.NewGuid().ToString("N")[..6]);
        // Serilog.Sinks.Seq: POST api/events/raw?clef, Content-Type application/vnd.serilog.clef, X-Seq-ApiKey.
        using var response = await LogsClient.PostAsync(server.Http, "/api/events/raw?clef", Fixture("serilog-compact.clef"), project.Key.PublicKey,
            "application/vnd.serilog.clef", "X-Seq-ApiKey");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("""{"MinimumLevelAccepted":null}""", await response.Content.ReadAsStringAsync());

        var events = await LogsClient.SearchAsync(server.Api, "", project.Project.Slug, "from=2016-01-01T00:00:00Z&to=2017-01-01T00:00:00Z");
        Assert.Equal(5, events.Count);
        var hello = events.Single(e => LogsClient.Text(e, "template") == "Hello, {User}")!;
        Assert.Equal("Hello, \"nblumhardt\"", LogsClient.Text(hello, "message"));
        Assert.Equal("info", LogsClient.Text(hello, "level"));
        Assert.Equal(new DateTimeOffset(2016, 6, 7, 3, 44, 57, 853, TimeSpan.Zero), hello["timestamp"]!.GetValue<DateTimeOffset>());

        var failed = events.Single(e => LogsClient.Text(e, "message") == "Something failed")!;
        Assert.Equal("error", LogsClient.Text(failed, "level"));
        Assert.Equal("5b8efff798038103d269b633813fc60c", LogsClient.Text(failed, "traceId"));
        Assert.Equal("eee19b7ec3c1b174", LogsClient.Text(failed, "spanId"));
        Assert.Equal("billing", LogsClient.Text(failed, "service"));
        Assert.Equal("web-02", LogsClient.Text(failed, "host"));
        Assert.Equal("0HN1:0001", LogsClient.Text(failed, "requestId"));
        Assert.StartsWith("System.DivideByZeroException", LogsClient.Text(failed, "exception"));
        Assert.Equal("user data", LogsClient.Text(failed["properties"], "@timestamp"));

        var tags = events.Single(e => LogsClient.Text(e, "level") == "warning")!;
        Assert.Equal("Tags are [\"test\", \"orange\"]", LogsClient.Text(tags, "message"));
    }

    [Fact]
    public async Task TheSeqSinksIdleEmptyPostIsAcceptedWithNoMinimumLevel()
    {
        using var response = await LogsClient.PostAsync(server.Http, "/api/events/raw?clef", "", server.DefaultKey.PublicKey,
            "application/vnd.serilog.clef", "X-Seq-ApiKey");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(JsonNode.Parse("""{"MinimumLevelAccepted":null}""")!.ToJsonString(), JsonNode.Parse(await response.Content.ReadAsStringAsync())!.ToJsonString());
    }

    [Fact]
    public async Task SeqsOlderEventsJsonIsStored()
    {
        var word = "seqold" + Guid.NewGuid().ToString("N")[..6];
        var body = $$$"""
            {"Events":[
              {"Timestamp":"{{{DateTimeOffset.UtcNow.AddMinutes(-1):O}}}","Level":"Warning","MessageTemplate":"Disk {Drive} is {Percent}% full {Word}",
               "Properties":{"Drive":"C:","Percent":93,"Word":"{{{word}}}"}}
            ]}
            """;
        using var response = await LogsClient.PostAsync(server.Http, "/api/events/raw?apiKey=" + server.DefaultKey.PublicKey, body, null, "application/json");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var stored = Assert.Single(await LogsClient.SearchAsync(server.Api, word))!;
        Assert.Equal("warning", LogsClient.Text(stored, "level"));
        Assert.Equal("Disk {Drive} is {Percent}% full {Word}", LogsClient.Text(stored, "template"));
        Assert.Equal($"Disk \"C:\" is 93% full \"{word}\"", LogsClient.Text(stored, "message"));
        Assert.Equal(93, stored["properties"]!["Percent"]!.GetValue<long>());
    }

    [Fact]
    public async Task NdjsonWithCommonFieldNamesMapsTimeLevelMessageErrorAndWellKnownFields()
    {
        var word = "pino" + Guid.NewGuid().ToString("N")[..6];
        var time = DateTimeOffset.UtcNow.AddMinutes(-2);
        var lines = string.Join('\n',
            $$"""{"time":{{time.ToUnixTimeMilliseconds()}},"level":50,"msg":"pino says {{word}}","pid":4242,"hostname":"box-1","err":{"type":"Error","message":"boom","stack":"Error: boom\n    at main (app.js:1:1)"},"orderId":7}""",
            $$"""{"timestamp":"{{time:O}}","severity":"WARNING","message":"structlog says {{word}}","service":"api","request_id":"r-9"}""",
            $$"""{"ts":{{time.ToUnixTimeMilliseconds() / 1000.0}},"lvl":"debug","msg":"zap says {{word}}"}""");
        using var response = await LogsClient.PostAsync(server.Http, "/api/logs", lines, server.DefaultKey.PublicKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["accepted"]!.GetValue<int>());

        var events = await LogsClient.SearchAsync(server.Api, word);
        var pino = events.Single(e => LogsClient.Text(e, "message").StartsWith("pino"))!;
        Assert.Equal("error", LogsClient.Text(pino, "level"));
        Assert.Equal(4242, pino["pid"]!.GetValue<int>());
        Assert.Equal("box-1", LogsClient.Text(pino, "host"));
        Assert.StartsWith("Error: boom", LogsClient.Text(pino, "exception"));
        Assert.Equal(7, pino["properties"]!["orderId"]!.GetValue<long>());
        Assert.Equal(time.ToUnixTimeMilliseconds(), pino["timestamp"]!.GetValue<DateTimeOffset>().ToUnixTimeMilliseconds());

        var structlog = events.Single(e => LogsClient.Text(e, "message").StartsWith("structlog"))!;
        Assert.Equal("warning", LogsClient.Text(structlog, "level"));
        Assert.Equal("api", LogsClient.Text(structlog, "service"));
        Assert.Equal("r-9", LogsClient.Text(structlog, "requestId"));

        Assert.Equal("debug", LogsClient.Text(events.Single(e => LogsClient.Text(e, "message").StartsWith("zap")), "level"));
    }
}
