using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Vigil.Features.Alerts.Noise;
using Vigil.Features.Projects.Storage;
using Vigil.Features.Shared.Pages;

namespace Vigil.Features.Alerts.Pages;

/// <summary>The noise report: which rules fire, how often people act on them, and which fire often and are never acted on.</summary>
public sealed class NoiseModel(ProjectStore projects, NoiseReport noise, IAntiforgery antiforgery) : ProjectPage(projects, antiforgery)
{
    [FromQuery(Name = "weeks")] public int Weeks { get; set; } = 4;

    public NoiseReport.Report Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (!await LoadProjectAsync(slug, "alerts"))
            return NotFound();
        Weeks = Math.Clamp(Weeks, 1, 52);
        Report = await noise.BuildAsync(Project.Id, Weeks, HttpContext.RequestAborted);
        return Page();
    }
}
