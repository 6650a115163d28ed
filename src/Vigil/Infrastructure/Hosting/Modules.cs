namespace Vigil.Infrastructure.Hosting;

/// <summary>The one list of capability modules the server loads, in order.</summary>
public static class Modules
{
    public static IReadOnlyList<IVigilModule> All { get; } =
    [
        new Features.Errors.ErrorsModule(),
        new Features.Logs.LogsModule(),
        new Features.Metrics.MetricsModule(),
        new Features.Alerts.AlertsModule(),
    ];
}
