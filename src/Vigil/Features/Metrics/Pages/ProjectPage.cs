using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Projects;
using Vigil.Features.Projects.Storage;

namespace Vigil.Features.Metrics.Pages;

/// <summary>What the statistics pages share: the project from the route, the nav section and the
/// antiforgery token that vigil-charts.js sends with writes.</summary>
public abstract class ProjectPage(ProjectStore projects, IAntiforgery antiforgery) : PageModel
{
    public Project Project { get; private set; } = null!;
    public string CsrfToken { get; private set; } = "";

    /// <summary>False when the project does not exist (the page answers 404).</summary>
    protected async Task<bool> LoadProjectAsync(string slug, string section)
    {
        var project = await projects.FindAsync(slug, HttpContext.RequestAborted);
        if (project is null)
            return false;
        Project = project;
        ViewData["Project"] = project;
        ViewData["Section"] = section;
        CsrfToken = antiforgery.GetAndStoreTokens(HttpContext).RequestToken ?? "";
        return true;
    }
}
