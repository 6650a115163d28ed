using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Logs.Query;

/// <summary>Aggregations after `|`, histograms and top templates over the engine under test.</summary>
public sealed class LogAggregationTests(SeededLogsServer server) : IClassFixture<SeededLogsServer>
{
    private async Task<List<string>> RowsAsync(string q, string project = "default")
    {
        var result = await server.Api.GetJsonAsync($"/api/logs/aggregate?project={project}&q={Uri.EscapeDataString(q)}&since=1h");
        return result["rows"]!.AsArray().Select(r => string.Join(",", r!.AsArray().Select(Cell))).ToList();
    }

    private static string Cell(JsonNode? cell) => cell switch
    {
        null => "null",
        JsonValue v when v.TryGetValue(out double d) => Math.Round(d, 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => cell.ToString(),
    };

    [Fact]
    public async Task CountByAPropertyGroupsAndSortsByCount()
    {
        var rows = await RowsAsync("has(service) | count() by @service");
        Assert.Equal(["checkout,2", "shipping,2"], rows.Order());
        Assert.Equal(["error,1", "warning,1"], (await RowsAsync("level >= warning and has(customer) | count() by level")).Order());
    }

    [Fact]
    public async Task CountDistinctMinMaxAvgAndSumReadNumbers()
    {
        Assert.Equal(["2"], await RowsAsync("| count_distinct(customer)"));
        Assert.Equal(["100,1000,400,2000"], await RowsAsync("| min(elapsed), max(elapsed), avg(elapsed), sum(elapsed)"));
        // count(x) counts events that have x; sum reads numbers only, so "5xx" adds nothing.
        Assert.Equal(["4,1104"], await RowsAsync("| count(status), sum(status)"));
    }

    [Fact]
    public async Task PercentilesInterpolateOverAKnownDistribution()
    {
        var (project, key) = await server.CreateProjectAsync("Percentiles");
        await LogsClient.AcceptAsync(server.Http, key.PublicKey, [.. Enumerable.Range(1, 100).Select(i => new JsonObject { ["msg"] = "took", ["Elapsed"] = i })]);
        Assert.Equal(["50.5,95.05,1,100"], await RowsAsync("| p50(Elapsed), percentile(Elapsed, 95), p0(Elapsed), p100(Elapsed)", project.Slug));
    }

    [Fact]
    public async Task TheMinuteCountFastPathAgreesWithAFilteredScan()
    {
        var fast = await RowsAsync("| count() by bin(1m)");
        var scanned = await RowsAsync("level >= trace | count() by bin(1m)");
        Assert.Equal(6, fast.Count);
        Assert.All(fast, row => Assert.EndsWith(",1", row));
        Assert.Equal(scanned, fast);
        Assert.Equal(await RowsAsync("level >= trace | count() by bin(5m), level"), await RowsAsync("| count() by bin(5m), level"));

        var histogram = await server.Api.GetJsonAsync("/api/logs/histogram?since=1h&bins=60");
        Assert.Equal(60, histogram["binSeconds"]!.GetValue<double>());
        Assert.Equal(6, histogram["bins"]!.AsArray().Sum(b => b!["count"]!.GetValue<long>()));
        var errors = await server.Api.GetJsonAsync("/api/logs/histogram?since=1h&bins=60&q=level%3Derror");
        Assert.Equal(1, errors["bins"]!.AsArray().Sum(b => b!["count"]!.GetValue<long>()));
    }

    [Fact]
    public async Task TopTemplatesCountEventsPerTemplate()
    {
        var (project, key) = await server.CreateProjectAsync("Templates");
        var now = DateTimeOffset.UtcNow;
        var clef = string.Join('\n', Enumerable.Range(0, 7).Select(i => $$"""{"@t":"{{now:O}}","@mt":"Request took {Elapsed} ms","Elapsed":{{i}}}""")
            .Concat(Enumerable.Range(0, 2).Select(i => $$"""{"@t":"{{now:O}}","@mt":"Cache {Key} missed","Key":"k{{i}}"}""")));
        using var response = await LogsClient.PostAsync(server.Http, "/ingest/clef", clef, key.PublicKey, "application/vnd.serilog.clef");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        var top = (await server.Api.GetJsonAsync($"/api/logs/templates?project={project.Slug}&since=1h")).AsArray();
        Assert.Equal(["Request took {Elapsed} ms:7", "Cache {Key} missed:2"], top.Select(t => $"{t!["template"]}:{t["count"]}"));
        Assert.Equal(["Request took {Elapsed} ms,7", "Cache {Key} missed,2"], await RowsAsync("| count() by @template", project.Slug));
        var filtered = (await server.Api.GetJsonAsync($"/api/logs/templates?project={project.Slug}&since=1h&q=Elapsed%20%3E%3D%205")).AsArray();
        Assert.Equal("Request took {Elapsed} ms:2", $"{Assert.Single(filtered)!["template"]}:{filtered[0]!["count"]}");
    }

    [Fact]
    public async Task AnAggregateQueryOnTheSearchEndpointAnswersAColumnsAndRowsTable()
    {
        var result = await LogsClient.QueryAsync(server.Api, "level = error | count() by @service");
        Assert.Equal(["@service", "count"], result["columns"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("checkout", result["rows"]![0]![0]!.GetValue<string>());
    }
}
