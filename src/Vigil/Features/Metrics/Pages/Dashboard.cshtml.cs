using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Vigil.Features.Metrics.Dashboards;
using Vigil.Features.Projects.Storage;
using Vigil.Features.Shared.Pages;

namespace Vigil.Features.Metrics.Pages;

/// <summary>One dashboard: its charts share the time range and refresh together (vigil-charts.js).</summary>
public sealed class DashboardModel(ProjectStore projects, DashboardStore dashboards, IAntiforgery antiforgery) : ProjectPage(projects, antiforgery)
{
    public Dashboard Dashboard { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, long id)
    {
        if (!await LoadProjectAsync(slug, "metrics"))
            return NotFound();
        var dashboard = await dashboards.GetAsync(id, HttpContext.RequestAborted);
        if (dashboard is null || dashboard.ProjectId != Project.Id)
            return NotFound();
        Dashboard = dashboard;
        return Page();
    }
}
