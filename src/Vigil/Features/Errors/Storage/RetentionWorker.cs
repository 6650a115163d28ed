using Microsoft.Extensions.Options;
using Vigil.Infrastructure.Hosting;

namespace Vigil.Features.Errors.Storage;

/// <summary>Runs <see cref="EventRetention"/> on an interval until nothing is past the cutoff.</summary>
public sealed class RetentionWorker(EventRetention retention, IOptions<VigilOptions> options, TimeProvider clock, ILogger<RetentionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Retention;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PassAsync(settings, stoppingToken);
                await Task.Delay(settings.Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                logger.LogWarning(error, "Retention pass failed; trying again at the next interval");
                try
                {
                    await Task.Delay(settings.Interval, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task PassAsync(RetentionOptions settings, CancellationToken stoppingToken)
    {
        var cutoff = clock.GetUtcNow().AddDays(-settings.EventDays).ToUnixTimeMilliseconds();
        int deleted, total = 0;
        do
        {
            deleted = await retention.DeleteBatchAsync(cutoff, settings.DeleteBatchSize, stoppingToken);
            total += deleted;
            await Task.Delay(TimeSpan.FromMilliseconds(50), clock, stoppingToken); // let ingest batches in between
        }
        while (deleted == settings.DeleteBatchSize);
        if (total > 0)
            logger.LogInformation("Retention deleted {Count} events older than {Days} days", total, settings.EventDays);
    }
}
