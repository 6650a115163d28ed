using Microsoft.Extensions.DependencyInjection.Extensions;
using Vigil.Features.Metrics.Otlp;
using Vigil.Infrastructure.Hosting;
using Vigil.Infrastructure.Ingest;
using Vigil.Infrastructure.Observability;

namespace Vigil.Features.Metrics.Ingest;

/// <summary>Registers and maps the OTLP/HTTP metrics edge. The metric queue is added with
/// TryAdd: the metric store's module registers the same queue (and its writer), and whichever
/// comes first is the one both use.</summary>
public static class OtlpMetricsEndpoints
{
    public static IServiceCollection AddOtlpMetricsIngest(this IServiceCollection services, VigilOptions options)
    {
        services.TryAddSingleton<CumulativeTracker>();
        services.TryAddSingleton<OtlpSampleMapper>();
        services.TryAddSingleton<OtlpMetricsIngest>();
        services.TryAddSingleton(provider =>
        {
            var queue = new IngestQueue<MetricWork>(OtlpMetricsIngest.Stream, options.Ingest.QueueCapacity);
            provider.GetRequiredService<VigilMetrics>().TrackQueueDepth(OtlpMetricsIngest.Stream, () => queue.Depth);
            return queue;
        });
        return services;
    }

    public static IEndpointRouteBuilder MapOtlpMetricsIngest(this IEndpointRouteBuilder app)
    {
        // Created now, as the server starts, not at the first request: the tracker's start time
        // decides which cumulative series began after Vigil was listening (README, temporality).
        app.ServiceProvider.GetRequiredService<CumulativeTracker>();
        app.MapPost("/v1/metrics", (HttpContext context, OtlpMetricsIngest edge) => edge.IngestAsync(context))
            .DisableAntiforgery().AllowAnonymous().WithTags("Metric ingest");
        return app;
    }
}
