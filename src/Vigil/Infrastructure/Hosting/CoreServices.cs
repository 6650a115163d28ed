using Microsoft.Extensions.DependencyInjection.Extensions;
using Vigil.Features.Accounts;
using Vigil.Features.Projects;
using Vigil.Infrastructure.Observability;
using Vigil.Infrastructure.Signals;
using Vigil.Infrastructure.Storage;

namespace Vigil.Infrastructure.Hosting;

public static class CoreServices
{
    /// <summary>What both the server and the CLI verbs need: options, the store and its migrations.</summary>
    public static IServiceCollection AddVigilCore(this IServiceCollection services, IConfiguration configuration)
    {
        // Capabilities bind their own sections (BindConfiguration) from IConfiguration, which a CLI
        // verb's container has only if it is added here; the web host has registered it already.
        services.TryAddSingleton(configuration);
        services.Configure<VigilOptions>(configuration);
        var options = configuration.Get<VigilOptions>() ?? new VigilOptions();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => Database.FromOptions(options));
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<VigilMetrics>();
        services.AddSingleton<SignalBus>();
        services.AddCors();
        services.AddProjects();
        services.AddAccountsStorage();
        return services;
    }

    /// <summary>Configuration for a CLI verb: appsettings.json beside the executable, VIGIL_ variables, then the verb's flags.</summary>
    public static IConfiguration BuildConfiguration(IDictionary<string, string?> flags) => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables("VIGIL_")
        .AddInMemoryCollection(flags)
        .Build();
}
