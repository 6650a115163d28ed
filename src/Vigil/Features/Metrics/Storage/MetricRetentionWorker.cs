using Microsoft.Extensions.Options;

namespace Vigil.Features.Metrics.Storage;

/// <summary>Applies each resolution's retention (Metrics:RawRetention, MinuteRetention, HourRetention) on an interval.</summary>
public sealed class MetricRetentionWorker(MetricRetention retention, SeriesCatalog catalog, IOptions<MetricsOptions> options, TimeProvider clock,
    ILogger<MetricRetentionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PassAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                logger.LogWarning(error, "Metric retention pass failed; trying again at the next interval");
            }
            try
            {
                await Task.Delay(settings.RetentionInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass over the three resolutions; returns the points deleted.</summary>
    public async Task<long> PassAsync(CancellationToken stoppingToken = default)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        long total = 0;
        foreach (var (resolution, keep) in new[]
                 {
                     (MetricResolution.Raw, settings.RawRetention),
                     (MetricResolution.Minute, settings.MinuteRetention),
                     (MetricResolution.Hour, settings.HourRetention),
                 })
        {
            if (keep <= TimeSpan.Zero)
                continue;
            var cutoff = now - (long)keep.TotalMilliseconds;
            int deleted;
            do
            {
                deleted = await retention.DeleteBatchAsync(resolution, cutoff, settings.DeleteBatchSize, stoppingToken);
                total += deleted;
            }
            while (deleted == settings.DeleteBatchSize && !stoppingToken.IsCancellationRequested);
        }
        var longest = new[] { settings.RawRetention, settings.MinuteRetention, settings.HourRetention }.Max();
        if (await retention.DeleteIdleSeriesAsync(now - (long)longest.TotalMilliseconds, stoppingToken) > 0)
            catalog.Forget(); // cached ids and counts may name series that are gone
        if (total > 0)
            logger.LogInformation("Metric retention deleted {Count} points", total);
        return total;
    }
}
