using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Vigil.Features.Alerts.Storage;
using Vigil.Features.Projects.Storage;

namespace Vigil.Features.Alerts.Pages;

/// <summary>A project's alerts: firing first, then acknowledged, then resolved; filters in the query string.</summary>
public sealed class AlertsModel(ProjectStore projects, AlertStore alerts, AlertService service, TimeProvider clock, IAntiforgery antiforgery)
    : AlertActionsPage(projects, alerts, service, clock, antiforgery)
{
    public static readonly IReadOnlyList<string> Statuses = ["open", "firing", "acknowledged", "resolved", "all"];

    [FromQuery(Name = "status")] public string? Status { get; set; }
    [FromQuery(Name = "severity")] public string? Severity { get; set; }

    public IReadOnlyList<Alert> Alerts { get; private set; } = [];
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (!await LoadProjectAsync(slug, "alerts"))
            return NotFound();
        Status = Statuses.Contains(Status) ? Status : "open";
        var severity = Severities.Parse(Severity);
        Alerts = await Store.ListAsync(Project.Id, new AlertFilter(Status == "all" ? null : Status, severity, null, 200), HttpContext.RequestAborted);
        return Page();
    }

    protected override async Task<bool> CoversAsync(Alert alert) =>
        RouteData.Values["slug"] is string slug && await LoadProjectAsync(slug, "alerts") && alert.ProjectId == Project.Id;
}
