using System.Net;
using System.Net.Http.Json;
using Vigil.Features.Metrics;
using Vigil.Features.Metrics.Ingest;
using Vigil.Features.Metrics.Storage;
using Vigil.Tests.Features.Metrics.Storage;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Metrics.Query;

/// <summary>The query API over stored points: group-by, filters, offsets, derived series and bad parameters.</summary>
public sealed class MetricQueryTests(StatsdServer server) : IClassFixture<StatsdServer>
{
    private static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private static readonly long ThisHour = Now / 3_600_000 * 3_600_000 - 3_600_000;

    [Fact]
    public async Task GroupByGivesOneSeriesPerTagValueAndFiltersNarrowThem()
    {
        var (project, _) = await server.CreateProjectAsync("Grouping");
        await MetricWriterTests.WriteAsync(server, project.Id,
            MetricWriterTests.Counter("http.requests", ThisHour, 5, ("status", "200"), ("host", "a")),
            MetricWriterTests.Counter("http.requests", ThisHour, 7, ("status", "200"), ("host", "b")),
            MetricWriterTests.Counter("http.requests", ThisHour, 2, ("status", "404"), ("host", "a")));
        var range = $"project={project.Slug}&name=http.requests&agg=sum&from={ThisHour}&to={ThisHour + 3_600_000}&step=1h";

        var grouped = await server.QueryAsync(range + "&groupBy=status");
        var sums = grouped["series"]!.AsArray().ToDictionary(s => s!["group"]!["status"]!.GetValue<string>(), s => s!["points"]![0]![1]!.GetValue<double>());
        Assert.Equal(new Dictionary<string, double> { ["200"] = 12, ["404"] = 2 }, sums);
        Assert.Equal([7], await server.ValuesAsync(range + "&filter=host:b"));
        Assert.Equal([7], await server.ValuesAsync(range + "&filter=host!=a"));
        Assert.Equal([14], await server.ValuesAsync(range + "&filter=status=~200|404"));
        Assert.Equal(new[] { "200", "404" }, (await server.GetJsonAsync($"/api/metrics/tags?project={project.Slug}&name=http.requests&key=status")).AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(7.0 / 3600, Assert.Single(await server.ValuesAsync(range.Replace("agg=sum", "agg=rate") + "&filter=host:b")), 9);
    }

    [Fact]
    public async Task EveryAggregationMergesTheSeriesAndBucketsOfAStep()
    {
        var (project, _) = await server.CreateProjectAsync("Aggregations");
        static MetricSample Sample(string name, long bucket, MetricKind kind, string host, Action<MetricAggregate> fill)
        {
            var value = new MetricAggregate(kind);
            fill(value);
            return new MetricSample(name, [new("host", host)], bucket, value);
        }
        var later = ThisHour + 10_000;
        await MetricWriterTests.WriteAsync(server, project.Id,
            Sample("queue.depth", ThisHour, MetricKind.Gauge, "a", v => v.SetGauge(5, ThisHour + 1_000)),
            Sample("queue.depth", later, MetricKind.Gauge, "a", v => v.SetGauge(9, later + 1_000)),
            Sample("queue.depth", ThisHour, MetricKind.Gauge, "b", v => { v.SetGauge(2, ThisHour + 2_000); v.SetGauge(7, ThisHour + 5_000); }),
            Sample("latency", ThisHour, MetricKind.Distribution, "a", v => { for (var i = 1; i <= 50; i++) v.AddObservation(i); }),
            Sample("latency", later, MetricKind.Distribution, "b", v => { for (var i = 51; i <= 100; i++) v.AddObservation(i); }),
            Sample("visitors", ThisHour, MetricKind.Set, "a", v => { v.AddMember("u1"); v.AddMember("u2"); }),
            Sample("visitors", later, MetricKind.Set, "b", v => { v.AddMember("u2"); v.AddMember("u3"); }));
        string Range(string name, string agg) => $"project={project.Slug}&name={name}&agg={agg}&from={ThisHour}&to={ThisHour + 60_000}&step=1m";

        Assert.Equal([4], await server.ValuesAsync(Range("queue.depth", "count")));
        Assert.Equal([23], await server.ValuesAsync(Range("queue.depth", "sum")));
        Assert.Equal([5.75], await server.ValuesAsync(Range("queue.depth", "avg")));
        Assert.Equal([2], await server.ValuesAsync(Range("queue.depth", "min")));
        Assert.Equal([9], await server.ValuesAsync(Range("queue.depth", "max")));
        Assert.Equal([9], await server.ValuesAsync(Range("queue.depth", "last")));
        Assert.Equal([9], await server.ValuesAsync($"project={project.Slug}&name=queue.depth&from={ThisHour}&to={ThisHour + 60_000}&step=1m"));
        Assert.Equal(50, Assert.Single(await server.ValuesAsync(Range("latency", "p50"))), 1.5);
        Assert.Equal(99, Assert.Single(await server.ValuesAsync(Range("latency", "p99"))), 2.5);
        Assert.Equal([3], await server.ValuesAsync(Range("visitors", "distinct")));
        Assert.Empty(await server.ValuesAsync(Range("visitors", "min"))); // a set has no extremes: null, not infinity
    }

    [Fact]
    public async Task AnOffsetReadsLastWeekAtThisWeeksTimes()
    {
        var (project, _) = await server.CreateProjectAsync("Rhythm");
        const long week = 7 * 86_400_000L;
        await MetricWriterTests.WriteAsync(server, project.Id,
            MetricWriterTests.Counter("purchases", ThisHour, 30),
            MetricWriterTests.Counter("purchases", ThisHour - week, 11));
        var range = $"project={project.Slug}&name=purchases&agg=sum&from={ThisHour}&to={ThisHour + 3_600_000}&step=1h";

        var lastWeek = await server.QueryAsync(range + "&offset=7d");
        var point = Assert.Single(Assert.Single(lastWeek["series"]!.AsArray())!["points"]!.AsArray())!;
        Assert.Equal(ThisHour, point[0]!.GetValue<long>());
        Assert.Equal(11, point[1]!.GetValue<double>());
        Assert.Equal([30], await server.ValuesAsync(range));
    }

    [Fact]
    public async Task LogCountFollowsASavedSearch()
    {
        var (project, key) = await server.CreateProjectAsync("Derived logs");
        using (var saved = await server.Api.Http.PostAsJsonAsync($"/api/logs/searches?project={project.Slug}", new { name = "not found", query = "status = 404" }))
            Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        await LogSender.SendAsync(server, key,
            LogSender.Line("info", "GET /a", new { status = 404 }),
            LogSender.Line("info", "GET /b", new { status = 404 }),
            LogSender.Line("info", "GET /c", new { status = 200 }));

        var listed = (await server.GetJsonAsync($"/api/metrics?project={project.Slug}")).AsArray().Select(m => m!["name"]!.GetValue<string>());
        Assert.Contains("vigil.logs.count", listed);
        Assert.Equal([2], await server.ValuesAsync($"project={project.Slug}&name=vigil.logs.count&filter=search:not found&since=1h&step=1h"));
        Assert.Equal([3], await server.ValuesAsync($"project={project.Slug}&name=vigil.logs.count&since=1h&step=1h"));
    }

    [Fact]
    public async Task ErrorEventsArePerIssue()
    {
        var (project, key) = await server.CreateProjectAsync("Derived errors");
        await server.AcceptAsync(SentryPayloads.Exception("TypeError", "a is undefined"), key);
        await server.AcceptAsync(SentryPayloads.Exception("TypeError", "a is undefined"), key);
        var issue = await server.SingleIssueIdAsync(project.Slug);
        Assert.Equal([2], await server.ValuesAsync($"project={project.Slug}&name=vigil.errors.events&filter=issue:{issue}&since=1h&step=1h"));
    }

    [Theory]
    [InlineData("name=x&agg=median", "agg")]
    [InlineData("name=x&since=yesterday", "since")]
    [InlineData("name=x&step=7s", "step")]
    [InlineData("name=x&filter=nocolon", "filter")]
    [InlineData("agg=sum", "name")]
    [InlineData("name=x&from=1000&to=10", "from")]
    public async Task ABadParameterIsA400NamingIt(string query, string parameter)
    {
        using var response = await server.Api.Http.GetAsync("/api/metrics/query?" + query);
        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "");
        Assert.Equal(parameter, problem["parameter"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnUnknownMetricIs404AndPostTakesTheSameQuery()
    {
        using var missing = await server.Api.Http.GetAsync("/api/metrics/query?name=no.such.metric");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var (project, _) = await server.CreateProjectAsync("Posted");
        await MetricWriterTests.WriteAsync(server, project.Id, MetricWriterTests.Counter("posted", ThisHour, 4));
        using var posted = await server.Api.Http.PostAsJsonAsync("/api/metrics/query",
            new { project = project.Slug, name = "posted", agg = "sum", from = ThisHour.ToString(), to = (ThisHour + 3_600_000).ToString(), step = "1h" });
        var body = await posted.Content.ReadAsStringAsync();
        Assert.True(posted.IsSuccessStatusCode, body);
        Assert.Contains("[" + ThisHour + ",4]", body);
    }
}
