using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Vigil.Infrastructure.Observability;

namespace Vigil.Infrastructure.Health;

public static class HealthApi
{
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        app.MapGet("/metrics", (VigilMetrics metrics) => Results.Text(PrometheusTextWriter.Write(metrics), PrometheusTextWriter.ContentType));
        return app;
    }
}
