using Microsoft.AspNetCore.DataProtection;
using Vigil.Features.Accounts;
using Vigil.Features.Projects;
using Vigil.Infrastructure.Health;

namespace Vigil.Infrastructure.Hosting;

/// <summary>Builds the web host: every capability adds its services, then maps its endpoints.</summary>
public static class VigilServer
{
    public static WebApplication Build(IDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null)
    {
        // ApplicationName names the assembly whose Razor Pages MVC discovers; it defaults to the entry
        // assembly, which is the test host (not vigil) when tests run the server in process.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(VigilServer).Assembly.GetName().Name,
        });
        builder.Configuration.AddEnvironmentVariables("VIGIL_");
        builder.Configuration.AddInMemoryCollection(settings);
        var options = builder.Configuration.Get<VigilOptions>() ?? new VigilOptions();
        builder.WebHost.UseUrls(options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.Ingest.MaxEnvelopeBytes);
        builder.Logging.AddSimpleConsole(console => { console.SingleLine = true; console.TimestampFormat = "HH:mm:ss "; });

        builder.Services.AddVigilCore(builder.Configuration);
        builder.Services.AddSingleton<FirstRunSetup>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [HealthApi.ReadyTag]);
        builder.Services.AddProblemDetails();
        builder.Services.AddAccounts();
        // Pages live with their capability: Features/<Capability>/Pages/*.cshtml, each with an absolute @page route.
        // Every page needs a signed-in person unless it says [AllowAnonymous] (only /login does).
        builder.Services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/Features";
            pages.Conventions.AuthorizeFolder("/");
        });
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.Razor.RazorViewEngineOptions>(razor =>
            razor.PageViewLocationFormats.Add("/Features/Shared/Pages/{0}" + Microsoft.AspNetCore.Mvc.Razor.RazorViewEngine.ViewExtension));
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetFullPath(options.Data), "keys")));
        foreach (var module in Modules.All)
            module.AddServices(builder.Services, options);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapHealthApi();
        app.MapProjectsApi();
        app.MapRazorPages();
        foreach (var module in Modules.All)
            module.MapEndpoints(app);
        return app;
    }

    /// <summary>Migrates, runs first-start setup, then serves until stopped.</summary>
    public static async Task<int> RunAsync(WebApplication app, TextWriter output, CancellationToken cancellationToken = default)
    {
        await app.Services.GetRequiredService<FirstRunSetup>().RunAsync(output, cancellationToken);
        await app.StartAsync(cancellationToken);
        foreach (var url in app.Urls)
            await output.WriteLineAsync($"Vigil is listening on {url}");
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }
}
