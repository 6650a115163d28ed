using Vigil.Features.Metrics.Ingest;
using Vigil.Infrastructure.Hosting;

namespace Vigil.Features.Metrics;

/// <summary>OTLP/HTTP metrics ingest (<c>POST /v1/metrics</c>); to be folded into MetricsModule.</summary>
public sealed class OtlpMetricsModule : IVigilModule
{
    public void AddServices(IServiceCollection services, VigilOptions options) => services.AddOtlpMetricsIngest(options);

    public void MapEndpoints(WebApplication app) => app.MapOtlpMetricsIngest();
}
