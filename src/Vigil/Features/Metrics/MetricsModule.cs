using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Vigil.Features.Metrics.Dashboards;
using Vigil.Features.Metrics.Ingest;
using Vigil.Features.Metrics.Query;
using Vigil.Features.Metrics.Storage;
using Vigil.Infrastructure.Hosting;
using Vigil.Infrastructure.Ingest;
using Vigil.Infrastructure.Observability;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Metrics;

/// <summary>Statistics: StatsD and OTLP metrics ingest, the metric writer with its rollups and retention,
/// the query service and API, and dashboards of saved charts. Both ingest edges enqueue into one <see cref="IngestQueue{MetricWork}"/>.</summary>
public sealed class MetricsModule : IVigilModule
{
    public void AddServices(IServiceCollection services, VigilOptions options)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMigrationSet, MetricsMigrations>());
        services.AddOptions<MetricsOptions>().BindConfiguration("Metrics");
        services.TryAddSingleton<SeriesCatalog>();
        services.TryAddSingleton<MetricRetention>();
        services.TryAddSingleton<MetricCatalogStore>();
        services.TryAddSingleton<MetricPointStore>();
        services.TryAddSingleton<DerivedSeries>();
        services.TryAddSingleton<IMetricQueryService, MetricQueryService>();
        services.TryAddSingleton(provider =>
        {
            var queue = new IngestQueue<MetricWork>(MetricWriter.Stream, options.Ingest.QueueCapacity);
            provider.GetRequiredService<VigilMetrics>().TrackQueueDepth(MetricWriter.Stream, () => queue.Depth);
            return queue;
        });
        services.TryAddSingleton<IBatchSink<MetricWork>, MetricWriter>();
        services.AddHostedService(provider => ActivatorUtilities.CreateInstance<BatchWriter<MetricWork>>(provider, options.Ingest.MaxBatchSize));
        services.TryAddSingleton<MetricRetentionWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<MetricRetentionWorker>());
        services.TryAddSingleton(provider => new StatsdAggregator(
            provider.GetRequiredService<IOptions<MetricsOptions>>().Value, provider.GetRequiredService<VigilMetrics>()));
        // Registered after the batch writer so it stops first: its last flush still gets committed.
        services.TryAddSingleton<StatsdListener>();
        services.AddHostedService(provider => provider.GetRequiredService<StatsdListener>());
        services.AddOtlpMetricsIngest();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMigrationSet, DashboardsMigrations>());
        services.TryAddSingleton<DashboardStore>();
    }

    public void MapEndpoints(WebApplication app)
    {
        app.MapOtlpMetricsIngest();
        app.MapMetricsApi();
        app.MapDashboardsApi();
    }
}
