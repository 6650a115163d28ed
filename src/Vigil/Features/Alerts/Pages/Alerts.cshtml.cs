using Microsoft.AspNetCore.Mvc;
using Vigil.Features.Alerts.Storage;
using Vigil.Features.Projects;
using Vigil.Features.Projects.Storage;

namespace Vigil.Features.Alerts.Pages;

/// <summary>A project's alerts: firing first, then acknowledged, then resolved; filters in the query string.</summary>
public sealed class AlertsModel(ProjectStore projects, AlertStore alerts, AlertService service, TimeProvider clock) : AlertActionsPage(service, clock)
{
    public static readonly IReadOnlyList<string> Statuses = ["open", "firing", "acknowledged", "resolved", "all"];

    [FromQuery(Name = "status")] public string? Status { get; set; }
    [FromQuery(Name = "severity")] public string? Severity { get; set; }

    public Project Project { get; private set; } = null!;
    public IReadOnlyList<Alert> Alerts { get; private set; } = [];
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        var project = await projects.FindAsync(slug, HttpContext.RequestAborted);
        if (project is null)
            return NotFound();
        Project = project;
        ViewData["Project"] = project;
        ViewData["Section"] = "alerts";
        Status = Statuses.Contains(Status) ? Status : "open";
        var severity = Severities.Parse(Severity);
        Alerts = await alerts.ListAsync(project.Id, new AlertFilter(Status == "all" ? null : Status, severity, null, 200), HttpContext.RequestAborted);
        return Page();
    }
}
