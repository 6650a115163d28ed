using Microsoft.Extensions.DependencyInjection.Extensions;
using Vigil.Features.Alerts.Engine;
using Vigil.Features.Alerts.Ingest;
using Vigil.Features.Alerts.Noise;
using Vigil.Features.Alerts.Routing;
using Vigil.Features.Alerts.Rules;
using Vigil.Features.Alerts.Silences;
using Vigil.Features.Alerts.Storage;
using Vigil.Infrastructure.Hosting;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Alerts;

/// <summary>Alerting: rules and their evaluation, alerts with dedup, grouping, routing by severity, escalation,
/// silences, acknowledgement from everywhere, external alerts, history and the noise report; and the channels
/// with their delivery outbox (<see cref="AlertChannelServices"/>).</summary>
public sealed class AlertsModule : IVigilModule
{
    public void AddServices(IServiceCollection services, VigilOptions options)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMigrationSet, AlertsMigrations>());
        services.AddOptions<AlertsOptions>().BindConfiguration("Alerts");
        services.TryAddSingleton<AlertStore>();
        services.TryAddSingleton<RuleStore>();
        services.TryAddSingleton<RuleKinds>();
        services.TryAddSingleton<RoutingStore>();
        services.TryAddSingleton<SilenceStore>();
        services.TryAddSingleton<AckLinks>();
        services.TryAddSingleton<AlertNotifier>();
        services.TryAddSingleton<AlertService>();
        services.TryAddSingleton<RuleOutcomes>();
        services.TryAddSingleton<NoiseReport>();
        services.TryAddSingleton<ExternalAlerts>();
        services.TryAddSingleton<RuleSignalListener>();
        services.TryAddSingleton<RuleScheduler>();
        services.TryAddSingleton<AlertWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<RuleSignalListener>());
        services.AddHostedService(provider => provider.GetRequiredService<RuleScheduler>());
        services.AddHostedService(provider => provider.GetRequiredService<AlertWorker>());
        services.AddAlertChannels();
    }

    public void MapEndpoints(WebApplication app)
    {
        app.MapPost("/api/alerts", (HttpContext context, ExternalAlerts edge) => edge.ReceiveAsync(context))
            .AllowAnonymous().DisableAntiforgery().WithTags("Alerts");
        app.MapAlertsApi();
        app.MapChannelsApi();
    }
}
