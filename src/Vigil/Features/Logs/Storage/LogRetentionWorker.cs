using Microsoft.Extensions.Options;

namespace Vigil.Features.Logs.Storage;

/// <summary>Applies <see cref="LogRetention"/> to every project on an interval.</summary>
public sealed class LogRetentionWorker(LogRetention retention, IOptions<LogsOptions> options, TimeProvider clock, ILogger<LogRetentionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PassAsync(settings, stoppingToken);
                await Task.Delay(settings.RetentionInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                logger.LogWarning(error, "Log retention pass failed; trying again at the next interval");
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
    }

    public async Task PassAsync(LogsOptions settings, CancellationToken stoppingToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var limits in await retention.LimitsAsync(settings.RetentionDays, settings.MaxBytesPerProject > 0 ? settings.MaxBytesPerProject : null, stoppingToken))
        {
            if (await retention.CutoffAsync(limits, now, stoppingToken) is not { } cutoff)
                continue;
            int deleted, total = 0;
            do
            {
                deleted = await retention.DeleteBatchAsync(limits.ProjectId, cutoff, settings.DeleteBatchSize, stoppingToken);
                total += deleted;
                await Task.Delay(TimeSpan.FromMilliseconds(20), clock, stoppingToken); // let ingest batches in between
            }
            while (deleted > 0);
            if (total > 0)
                logger.LogInformation("Log retention deleted {Count} events of project {Project}", total, limits.ProjectId);
        }
    }
}
