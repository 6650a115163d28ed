using Microsoft.Extensions.DependencyInjection.Extensions;
using Vigil.Features.Errors.Ingest;
using Vigil.Features.Errors.Issues;
using Vigil.Features.Errors.Storage;
using Vigil.Infrastructure.Hosting;
using Vigil.Infrastructure.Ingest;
using Vigil.Infrastructure.Observability;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Errors;

/// <summary>Error tracking: Sentry-protocol ingest, grouping into issues, issue states and retention.</summary>
public sealed class ErrorsModule : IVigilModule
{
    public const string SentryCorsPolicy = "sentry";

    public void AddServices(IServiceCollection services, VigilOptions options)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMigrationSet, ErrorsMigrations>());
        services.TryAddSingleton<IssueStore>();
        services.TryAddSingleton<IssueService>();
        services.TryAddSingleton<EventRetention>();
        services.TryAddSingleton<ProjectRateLimiter>();
        services.TryAddSingleton(provider =>
        {
            var queue = new IngestQueue<SentryWork>(EventWriter.Stream, options.Ingest.QueueCapacity);
            provider.GetRequiredService<VigilMetrics>().TrackQueueDepth(EventWriter.Stream, () => queue.Depth);
            return queue;
        });
        services.TryAddSingleton<IBatchSink<SentryWork>, EventWriter>();
        services.TryAddSingleton<SentryIngest>();
        services.AddHostedService(provider => ActivatorUtilities.CreateInstance<BatchWriter<SentryWork>>(provider, options.Ingest.MaxBatchSize));
        services.AddHostedService<RetentionWorker>();
        services.AddCors(cors => cors.AddPolicy(SentryCorsPolicy, policy => policy
            .AllowAnyOrigin()
            .AllowAnyHeader()
            .WithMethods("POST", "GET", "OPTIONS")
            .WithExposedHeaders("Retry-After", "X-Sentry-Rate-Limits")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
    }

    public void MapEndpoints(WebApplication app)
    {
        var ingest = app.MapGroup("/api/{projectId}").RequireCors(SentryCorsPolicy).DisableAntiforgery().AllowAnonymous();
        ingest.MapPost("/envelope/", (HttpContext context, string projectId, SentryIngest edge) => edge.EnvelopeAsync(context, projectId));
        ingest.MapPost("/store/", (HttpContext context, string projectId, SentryIngest edge) => edge.StoreAsync(context, projectId));
        app.MapErrorsApi();
    }
}
