namespace Vigil.Infrastructure.Hosting;

/// <summary>A capability that plugs into the server: its services and its endpoints and pages.</summary>
public interface IVigilModule
{
    void AddServices(IServiceCollection services, VigilOptions options);
    void MapEndpoints(WebApplication app);
}
