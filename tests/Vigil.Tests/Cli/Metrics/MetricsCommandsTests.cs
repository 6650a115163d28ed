using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Cli;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli.Metrics;

/// <summary>`vigil metrics list` and `vigil metrics query` over points a running server stored from OTLP.</summary>
public sealed class MetricsCommandsTests(ProcessStoreFixture store) : IClassFixture<ProcessStoreFixture>
{
    private static string Gauge(string name, params (string Host, double Value)[] points)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        var dataPoints = string.Join(",", points.Select(p =>
            $$$"""{"asDouble":{{{p.Value}}},"timeUnixNano":"{{{now}}}","attributes":[{"key":"host","value":{"stringValue":"{{{p.Host}}}"}}]}"""));
        return $$$"""
            {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"cli"}}]},
              "scopeMetrics":[{"metrics":[{"name":"{{{name}}}","unit":"Cel","gauge":{"dataPoints":[{{{dataPoints}}}]}}]}]}]}
            """;
    }

    private async Task<string> ProjectWithGaugeAsync(string project, string metric, params (string Host, double Value)[] points)
    {
        var server = await store.SharedServerAsync();
        var created = await store.RunJsonAsync("project", "create", project);
        var key = new Uri(created["dsn"]!.GetValue<string>()).UserInfo;
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/metrics") { Content = new StringContent(Gauge(metric, points), Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Vigil-Key", key);
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return created["slug"]!.GetValue<string>();
    }

    [Fact]
    public async Task ListPrintsEachMetricWithItsKindSeriesAndTagKeysAsJsonLines()
    {
        var slug = await ProjectWithGaugeAsync("Cli Metrics List", "room.temperature", ("a", 20), ("b", 30));

        var (exit, stdout, stderr) = await store.RunAsync("metrics", "list", "--project", slug, "--json");

        Assert.True(exit == 0, stderr);
        var metrics = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        var stored = Assert.Single(metrics, m => m["name"]!.GetValue<string>() == "room.temperature");
        Assert.Equal("gauge", stored["kind"]!.GetValue<string>());
        Assert.Equal("Cel", stored["unit"]!.GetValue<string>());
        Assert.Equal(2, stored["series"]!.GetValue<int>());
        Assert.Equal(["host", "service"], stored["tagKeys"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Contains(metrics, m => m["name"]!.GetValue<string>() == "vigil.logs.count"); // derived metrics are listed too
    }

    [Fact]
    public async Task QueryPrintsOneSeriesPerGroupAsJsonAndNamesWhatIsWrong()
    {
        var slug = await ProjectWithGaugeAsync("Cli Metrics Query", "disk.used", ("a", 40), ("b", 75));

        var result = await store.RunJsonAsync("metrics", "query", "disk.used", "--agg", "max", "--since", "1h", "--step", "1h", "--group-by", "host", "--project", slug);

        Assert.Equal("disk.used", result["name"]!.GetValue<string>());
        Assert.Equal(3_600_000, result["stepMs"]!.GetValue<long>());
        var maxima = result["series"]!.AsArray().ToDictionary(
            s => s!["group"]!["host"]!.GetValue<string>(),
            s => s!["points"]!.AsArray().Select(p => p![1]).OfType<JsonNode>().Select(v => v.GetValue<double>()).Single());
        Assert.Equal(new Dictionary<string, double> { ["a"] = 40, ["b"] = 75 }, maxima);

        var filtered = await store.RunJsonAsync("metrics", "query", "disk.used", "--agg", "max", "--filter", "host:b", "--since", "1h", "--step", "1h", "--project", slug);
        Assert.Equal([75.0], filtered["series"]!.AsArray().Single()!["points"]!.AsArray().Select(p => p![1]).OfType<JsonNode>().Select(v => v.GetValue<double>()));

        var (missing, _, missingError) = await store.RunAsync("metrics", "query", "no.such.metric", "--project", slug);
        Assert.Equal(ExitCodes.NotFound, missing);
        Assert.Contains("no.such.metric", missingError);
        var (badAgg, _, badAggError) = await store.RunAsync("metrics", "query", "disk.used", "--agg", "median", "--project", slug);
        Assert.Equal(ExitCodes.Usage, badAgg);
        Assert.Contains("median", badAggError);
    }
}
