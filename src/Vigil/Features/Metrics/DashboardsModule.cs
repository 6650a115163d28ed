using Microsoft.Extensions.DependencyInjection.Extensions;
using Vigil.Features.Metrics.Dashboards;
using Vigil.Infrastructure.Hosting;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Metrics;

/// <summary>Dashboards of saved metric charts and the explorer's pages.</summary>
public sealed class DashboardsModule : IVigilModule
{
    public void AddServices(IServiceCollection services, VigilOptions options)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMigrationSet, DashboardsMigrations>());
        services.TryAddSingleton<DashboardStore>();
    }

    public void MapEndpoints(WebApplication app) => app.MapDashboardsApi();
}
