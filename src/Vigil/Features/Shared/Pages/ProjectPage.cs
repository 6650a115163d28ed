using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Projects;
using Vigil.Features.Projects.Storage;

namespace Vigil.Features.Shared.Pages;

/// <summary>What a project's pages share: the project from the route, the nav section and the
/// antiforgery token that scripts (vigil-charts.js) send with writes.</summary>
public abstract class ProjectPage(ProjectStore projects, IAntiforgery antiforgery) : PageModel
{
    public Project Project { get; private set; } = null!;
    public string CsrfToken { get; private set; } = "";

    /// <summary>False when the project does not exist (the page answers 404).</summary>
    protected async Task<bool> LoadProjectAsync(string slug, string section) =>
        Use(await projects.FindAsync(slug, HttpContext.RequestAborted), section);

    /// <summary>For pages addressed by an object rather than a slug (an alert's page).</summary>
    protected async Task<bool> LoadProjectAsync(long projectId, string section) =>
        Use(await projects.FindAsync(projectId, HttpContext.RequestAborted), section);

    private bool Use(Project? project, string section)
    {
        if (project is null)
            return false;
        Project = project;
        ViewData["Project"] = project;
        ViewData["Section"] = section;
        CsrfToken = antiforgery.GetAndStoreTokens(HttpContext).RequestToken ?? "";
        return true;
    }
}
