using Microsoft.Extensions.DependencyInjection.Extensions;
using Vigil.Features.Alerts.Channels;
using Vigil.Features.Alerts.Delivery;
using Vigil.Features.Alerts.Storage;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Alerts;

/// <summary>Alert notification channels and the durable delivery outbox. The alert engine queues
/// notifications through <see cref="INotificationOutbox"/> and lists channels through <see cref="IChannelDirectory"/>.</summary>
public static class AlertChannelServices
{
    public static IServiceCollection AddAlertChannels(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMigrationSet, ChannelsMigrations>());
        services.AddOptions<DeliveryOptions>().BindConfiguration("Alerts");
        services.TryAddSingleton<ChannelHttp>();
        services.TryAddSingleton<ChannelRegistry>();
        services.TryAddSingleton<ChannelSecrets>();
        services.TryAddSingleton<ChannelStore>();
        services.TryAddSingleton<IChannelDirectory>(provider => provider.GetRequiredService<ChannelStore>());
        services.TryAddSingleton<DeliveryStore>();
        services.TryAddSingleton<DeliveryWakeup>();
        services.TryAddSingleton<NotificationOutbox>();
        services.TryAddSingleton<INotificationOutbox>(provider => provider.GetRequiredService<NotificationOutbox>());
        services.TryAddSingleton<ChannelService>();
        services.AddHostedService<DeliveryWorker>();
        return services;
    }
}
