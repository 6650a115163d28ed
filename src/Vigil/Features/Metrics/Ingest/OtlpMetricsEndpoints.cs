using Microsoft.Extensions.DependencyInjection.Extensions;
using Vigil.Features.Metrics.Otlp;
using Vigil.Infrastructure.Hosting;
using Vigil.Infrastructure.Ingest;
using Vigil.Infrastructure.Observability;

namespace Vigil.Features.Metrics.Ingest;

/// <summary>Registers and maps the OTLP/HTTP metrics edge; it enqueues into the metric queue that
/// <see cref="MetricsModule"/> registers with the writer.</summary>
public static class OtlpMetricsEndpoints
{
    public static IServiceCollection AddOtlpMetricsIngest(this IServiceCollection services)
    {
        services.TryAddSingleton<CumulativeTracker>();
        services.TryAddSingleton<OtlpSampleMapper>();
        services.TryAddSingleton<OtlpMetricsIngest>();
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
