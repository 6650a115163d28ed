using Vigil.Features.Metrics;
using Vigil.Features.Metrics.Ingest;
using Vigil.Features.Metrics.Storage;
using Vigil.Infrastructure.Ingest;
using Vigil.Infrastructure.Observability;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Metrics.Storage;

/// <summary>The metric writer through its real queue: cardinality limits, rollups into minutes and hours, and retention per resolution.</summary>
public sealed class MetricWriterTests(MetricWriterTests.LimitedServer server) : IClassFixture<MetricWriterTests.LimitedServer>
{
    public sealed class LimitedServer : VigilServerFixture
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Metrics:SeriesLimits:limited", "3")];
    }

    private static readonly long Hour = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 3_600_000 * 3_600_000 - 2 * 3_600_000;

    [Fact]
    public async Task ANewSeriesPastTheProjectsLimitIsRejectedAndCounted()
    {
        var (project, _) = await server.CreateProjectAsync("Limited");
        Assert.Equal("limited", project.Slug);
        var metrics = server.Service<VigilMetrics>();
        var before = metrics.Rejected.Get(MetricWriter.Stream, "cardinality");
        var first = await WriteAsync(project.Id, Enumerable.Range(0, 3).Select(i => Counter("logins", Hour, 1, ("host", $"h{i}"))).ToArray());
        Assert.Equal(0, first.RejectedSamples);

        var second = await WriteAsync(project.Id, Counter("logins", Hour, 1, ("host", "h0")), Counter("logins", Hour, 1, ("host", "h9")), Counter("other", Hour, 1));
        Assert.Equal(2, second.RejectedSamples);
        Assert.Equal(before + 2, metrics.Rejected.Get(MetricWriter.Stream, "cardinality"));
        Assert.Equal(3, Assert.Single(await server.Service<MetricCatalogStore>().ListAsync(project.Id)).Series);
    }

    [Fact]
    public async Task TagOrderDoesNotMakeANewSeries()
    {
        var (project, _) = await server.CreateProjectAsync("Tag order");
        await WriteAsync(project.Id, Counter("hits", Hour, 1, ("a", "1"), ("b", "2")), Counter("hits", Hour + 10_000, 2, ("b", "2"), ("a", "1")));
        Assert.Equal(1, Assert.Single(await server.Service<MetricCatalogStore>().ListAsync(project.Id)).Series);
    }

    [Fact]
    public async Task MinuteAndHourRollupsEqualTheRawPoints()
    {
        var (project, _) = await server.CreateProjectAsync("Rollups");
        var random = new Random(7);
        var samples = new List<MetricSample>();
        for (var bucket = Hour - 20 * 60_000; bucket < Hour + 40 * 60_000; bucket += 10_000)
        {
            samples.Add(Counter("requests", bucket, random.Next(1, 50)));
            var latency = new MetricAggregate(MetricKind.Distribution);
            for (var i = 0; i < 20; i++)
                latency.AddObservation(random.NextDouble() * 1000);
            samples.Add(new MetricSample("latency", [], bucket, latency, "ms"));
        }
        // Two batches, so the second merges into rows the first stored.
        await WriteAsync(project.Id, samples.Take(samples.Count / 2).ToArray());
        await WriteAsync(project.Id, samples.Skip(samples.Count / 2).ToArray());

        var points = server.Service<MetricPointStore>();
        var catalog = server.Service<MetricCatalogStore>();
        foreach (var name in new[] { "requests", "latency" })
        {
            var series = Assert.Single(await catalog.SeriesAsync(project.Id, name));
            MetricAggregate Merged(IReadOnlyList<(long Bucket, MetricAggregate Value)> read)
            {
                var all = new MetricAggregate(series.Kind);
                foreach (var point in read)
                    all.Merge(point.Value);
                return all;
            }
            var (from, to) = (Hour - 3_600_000, Hour + 3_600_000);
            var raw = await ReadAsync(points, MetricResolution.Raw, series.Id, series.Kind, from, to);
            var minutes = await ReadAsync(points, MetricResolution.Minute, series.Id, series.Kind, from, to);
            var hours = await ReadAsync(points, MetricResolution.Hour, series.Id, series.Kind, from, to);
            Assert.Equal(360, raw.Count);
            Assert.Equal(60, minutes.Count);
            Assert.Equal(2, hours.Count);
            foreach (var rolled in new[] { minutes, hours })
            {
                Assert.Equal(Merged(raw).Sum, Merged(rolled).Sum, 6);
                Assert.Equal(Merged(raw).Count, Merged(rolled).Count);
                Assert.Equal(Merged(raw).Max, Merged(rolled).Max);
                if (series.Kind == MetricKind.Distribution)
                    Assert.Equal(Merged(raw).Sketch!.Quantile(0.99), Merged(rolled).Sketch!.Quantile(0.99));
            }
            // The first hour's roll-up equals its own minutes.
            var firstHour = hours.Single(h => h.Bucket == Hour - 3_600_000).Value;
            Assert.Equal(Merged(minutes.Where(m => m.Bucket < Hour).ToList()).Sum, firstHour.Sum, 6);
        }
    }

    /// <summary>Every stored column of one series' points, as aggregates.</summary>
    internal static async Task<List<(long Bucket, MetricAggregate Value)>> ReadAsync(MetricPointStore store, MetricResolution resolution, long seriesId,
        MetricKind kind, long fromMs, long toMs)
    {
        var read = new List<(long Bucket, MetricAggregate Value)>();
        await store.ReadAsync(resolution, [seriesId], fromMs, toMs, PointColumns.All, (in StoredPoint p) =>
            read.Add((p.Bucket, MetricAggregate.Restore(kind, p.Count, p.Sum, p.Min, p.Max, p.Last, p.LastAtMs, p.Sketch, p.Set))));
        return read;
    }

    internal static async Task<MetricWork> WriteAsync(VigilServerFixture server, long projectId, params MetricSample[] samples)
    {
        var work = new MetricWork(projectId, samples);
        await (server.Service<IngestQueue<MetricWork>>().TryEnqueue(work) ?? throw new InvalidOperationException("queue full"));
        return work;
    }

    private Task<MetricWork> WriteAsync(long projectId, params MetricSample[] samples) => WriteAsync(server, projectId, samples);

    internal static MetricSample Counter(string name, long bucket, double value, params (string Key, string Value)[] tags)
    {
        var aggregate = new MetricAggregate(MetricKind.Counter);
        aggregate.AddCount(value);
        return new MetricSample(name, tags.Select(t => new KeyValuePair<string, string>(t.Key, t.Value)).ToList(), MetricResolution.Raw.BucketOf(bucket), aggregate);
    }
}
