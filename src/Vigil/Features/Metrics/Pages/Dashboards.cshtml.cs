using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Vigil.Features.Metrics.Dashboards;
using Vigil.Features.Projects.Storage;
using Vigil.Features.Shared.Pages;

namespace Vigil.Features.Metrics.Pages;

/// <summary>A project's dashboards.</summary>
public sealed class DashboardsModel(ProjectStore projects, DashboardStore dashboards, IAntiforgery antiforgery) : ProjectPage(projects, antiforgery)
{
    public IReadOnlyList<Dashboard> Dashboards { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (!await LoadProjectAsync(slug, "metrics"))
            return NotFound();
        Dashboards = await dashboards.ListAsync(Project.Id, HttpContext.RequestAborted);
        return Page();
    }
}
