using Microsoft.Extensions.DependencyInjection.Extensions;
using Vigil.Features.Projects.Storage;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Projects;

public static class ProjectsModule
{
    public static IServiceCollection AddProjects(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMigrationSet, ProjectsMigrations>());
        services.TryAddSingleton<ProjectStore>();
        services.TryAddSingleton<ProjectKeyCache>();
        return services;
    }
}
