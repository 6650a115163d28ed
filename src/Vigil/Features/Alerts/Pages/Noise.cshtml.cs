using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Alerts.Noise;
using Vigil.Features.Projects;
using Vigil.Features.Projects.Storage;

namespace Vigil.Features.Alerts.Pages;

/// <summary>The noise report: which rules fire, how often people act on them, and which fire often and are never acted on.</summary>
public sealed class NoiseModel(ProjectStore projects, NoiseReport noise) : PageModel
{
    [FromQuery(Name = "weeks")] public int Weeks { get; set; } = 4;

    public Project Project { get; private set; } = null!;
    public NoiseReport.Report Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        var project = await projects.FindAsync(slug, HttpContext.RequestAborted);
        if (project is null)
            return NotFound();
        Project = project;
        ViewData["Project"] = project;
        ViewData["Section"] = "alerts";
        Weeks = Math.Clamp(Weeks, 1, 52);
        Report = await noise.BuildAsync(project.Id, Weeks, HttpContext.RequestAborted);
        return Page();
    }
}
