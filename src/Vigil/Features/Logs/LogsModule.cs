using Microsoft.Extensions.DependencyInjection.Extensions;
using Vigil.Features.Logs.Ingest;
using Vigil.Features.Logs.Storage;
using Vigil.Infrastructure.Hosting;
using Vigil.Infrastructure.Ingest;
using Vigil.Infrastructure.Observability;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Logs;

/// <summary>Logs: OTLP, CLEF/Seq, NDJSON and syslog ingest, the query language, search, tail and retention.</summary>
public sealed class LogsModule : IVigilModule
{
    public void AddServices(IServiceCollection services, VigilOptions options)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMigrationSet, LogsMigrations>());
        services.AddOptions<LogsOptions>().BindConfiguration("Logs");
        services.AddOptions<SyslogOptions>().BindConfiguration("Syslog");
        services.TryAddSingleton<LogTemplates>();
        services.TryAddSingleton<LogStore>();
        services.TryAddSingleton<SavedSearchStore>();
        services.TryAddSingleton<LogRetention>();
        services.TryAddSingleton<LogIngest>();
        services.TryAddSingleton(provider =>
        {
            var queue = new IngestQueue<LogWork>(LogWriter.Stream, options.Ingest.QueueCapacity);
            provider.GetRequiredService<VigilMetrics>().TrackQueueDepth(LogWriter.Stream, () => queue.Depth);
            return queue;
        });
        services.TryAddSingleton<IBatchSink<LogWork>, LogWriter>();
        services.AddHostedService(provider => ActivatorUtilities.CreateInstance<BatchWriter<LogWork>>(provider, options.Ingest.MaxBatchSize));
        services.AddHostedService<LogRetentionWorker>();
        services.TryAddSingleton<SyslogListener>();
        services.AddHostedService<BackgroundService>(provider => provider.GetRequiredService<IConfiguration>().GetValue<int>("Syslog:Port") > 0
            ? provider.GetRequiredService<SyslogListener>()
            : new NoWork());
    }

    public void MapEndpoints(WebApplication app)
    {
        var ingest = app.MapGroup("").DisableAntiforgery().AllowAnonymous().WithTags("Log ingest");
        ingest.MapPost("/v1/logs", (HttpContext context, LogIngest edge) => edge.IngestAsync(context,
            IsJson(context.Request.ContentType) ? LogFormat.OtlpJson : LogFormat.OtlpProtobuf));
        ingest.MapPost("/api/events/raw", (HttpContext context, LogIngest edge) => edge.IngestAsync(context,
            context.Request.Query.ContainsKey("clef") || (context.Request.ContentType ?? "").Contains("clef", StringComparison.OrdinalIgnoreCase)
                ? LogFormat.Clef
                : LogFormat.SeqJson));
        ingest.MapPost("/ingest/clef", (HttpContext context, LogIngest edge) => edge.IngestAsync(context, LogFormat.Clef));
        ingest.MapPost("/api/logs", (HttpContext context, LogIngest edge) => edge.IngestAsync(context, LogFormat.Ndjson));
        app.MapLogsApi();
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Contains("json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Stands in for the syslog listener when it is off.</summary>
    private sealed class NoWork : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
    }
}
