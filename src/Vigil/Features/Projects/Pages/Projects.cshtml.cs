using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Errors.Issues;
using Vigil.Features.Errors.Storage;
using Vigil.Features.Projects.Storage;

namespace Vigil.Features.Projects.Pages;

public sealed class ProjectsModel(ProjectStore projects, IssueStore issues, TimeProvider clock) : PageModel
{
    [BindProperty]
    public string Name { get; set; } = "";

    public string? Error { get; private set; }
    public IReadOnlyList<Project> Projects { get; private set; } = [];
    public IReadOnlyDictionary<long, IssueCounts> Counts { get; private set; } = new Dictionary<long, IssueCounts>();
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > 100)
        {
            Error = "A project needs a name of 1 to 100 characters.";
            await LoadAsync();
            return Page();
        }
        var (project, _) = await projects.CreateAsync(Name, HttpContext.RequestAborted);
        // Straight to the settings page: the next thing anyone needs is the DSN.
        return Redirect($"/projects/{project.Slug}/settings");
    }

    private async Task LoadAsync()
    {
        Projects = await projects.ListAsync(HttpContext.RequestAborted);
        Counts = await issues.CountsByProjectAsync(HttpContext.RequestAborted);
    }
}
