namespace Vigil.Features.Metrics.Dashboards;

/// <summary>A dashboard as a person sends it, before it is checked (<see cref="DashboardValidator"/>).</summary>
public sealed record DashboardDraft(string Name, IReadOnlyList<ChartSpec> Charts, string Range, int RefreshSeconds);
