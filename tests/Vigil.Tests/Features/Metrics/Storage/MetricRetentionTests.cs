using Vigil.Features.Metrics;
using Vigil.Features.Metrics.Storage;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Metrics.Storage;

/// <summary>Retention per resolution with an injected clock. Its own server: a pass a year ahead empties other tests' points.</summary>
public sealed class MetricRetentionTests(VigilServerFixture server) : IClassFixture<VigilServerFixture>
{
    [Fact]
    public async Task RetentionDeletesEachResolutionAtItsOwnAge()
    {
        var (project, _) = await server.CreateProjectAsync("Retention");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        const long day = 86_400_000;
        await MetricWriterTests.WriteAsync(server, project.Id, MetricWriterTests.Counter("old", now - 8 * day, 1), MetricWriterTests.Counter("old", now - 6 * day, 1), MetricWriterTests.Counter("old", now - 100 * day, 1), MetricWriterTests.Counter("old", now - 800 * day, 1));
        var series = Assert.Single(await server.Service<MetricCatalogStore>().SeriesAsync(project.Id, "old"));
        async Task<int> CountAsync(MetricResolution resolution) =>
            (await MetricWriterTests.ReadAsync(server.Service<MetricPointStore>(), resolution, series.Id, series.Kind, long.MinValue / 2, long.MaxValue / 2)).Count;
        Assert.Equal(4, await CountAsync(MetricResolution.Raw));

        var worker = new MetricRetentionWorker(server.Service<MetricRetention>(), server.Service<SeriesCatalog>(),
            server.Service<Microsoft.Extensions.Options.IOptions<MetricsOptions>>(), new FixedClock(DateTimeOffset.FromUnixTimeMilliseconds(now)),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<MetricRetentionWorker>.Instance);
        await worker.PassAsync();
        Assert.Equal(1, await CountAsync(MetricResolution.Raw)); // 7 days: only the 6-day-old point
        Assert.Equal(2, await CountAsync(MetricResolution.Minute)); // 90 days
        Assert.Equal(3, await CountAsync(MetricResolution.Hour)); // 730 days

        // A year on, by the injected clock, every resolution but hours is empty.
        var later = new MetricRetentionWorker(server.Service<MetricRetention>(), server.Service<SeriesCatalog>(),
            server.Service<Microsoft.Extensions.Options.IOptions<MetricsOptions>>(), new FixedClock(DateTimeOffset.FromUnixTimeMilliseconds(now + 365 * day)),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<MetricRetentionWorker>.Instance);
        await later.PassAsync();
        Assert.Equal(0, await CountAsync(MetricResolution.Raw));
        Assert.Equal(0, await CountAsync(MetricResolution.Minute));
        Assert.Equal(3, await CountAsync(MetricResolution.Hour)); // 730 days from a year on: the 800-day point went before
    }

    /// <summary>The injected clock retention reads; a real TimeProvider standing at one instant.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
