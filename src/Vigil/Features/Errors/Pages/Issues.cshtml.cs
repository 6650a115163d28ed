using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Errors.Issues;
using Vigil.Features.Errors.Storage;
using Vigil.Features.Projects;
using Vigil.Features.Projects.Storage;

namespace Vigil.Features.Errors.Pages;

/// <summary>A project's issues. Every filter lives in the query string so a link shows the same list.</summary>
public sealed class IssuesModel(ProjectStore projects, IssueStore issues, TimeProvider clock) : PageModel
{
    public const int PageSize = 25;
    public static readonly IReadOnlyList<string> Statuses = ["unresolved", "resolved", "resolved_next_release", "ignored", "all"];
    public static readonly IReadOnlyList<string> Levels = ["fatal", "error", "warning", "info", "debug"];
    public static readonly IReadOnlyList<(string Value, string Label)> Sorts =
        [(IssueSort.LastSeen, "Last seen"), (IssueSort.FirstSeen, "First seen"), (IssueSort.Events, "Events"), (IssueSort.Users, "Users")];

    [FromQuery(Name = "status")] public string? Status { get; set; }
    [FromQuery(Name = "level")] public string? Level { get; set; }
    [FromQuery(Name = "environment")] public string? Environment { get; set; }
    [FromQuery(Name = "release")] public string? Release { get; set; }
    [FromQuery(Name = "q")] public string? Search { get; set; }
    [FromQuery(Name = "sort")] public string? Sort { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Project Project { get; private set; } = null!;
    public IReadOnlyList<Issue> Issues { get; private set; } = [];
    public long Total { get; private set; }
    public IReadOnlyList<string> Environments { get; private set; } = [];
    public IReadOnlyList<string> Releases { get; private set; } = [];
    public DateTimeOffset Now { get; } = clock.GetUtcNow();
    public bool HasPrevious => PageNumber > 1;
    public bool HasNext => PageNumber * PageSize < Total;

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        var project = await projects.FindAsync(slug, HttpContext.RequestAborted);
        if (project is null)
            return NotFound();
        Project = project;
        ViewData["Project"] = project;
        ViewData["Section"] = "issues";
        Status = Statuses.Contains(Status) ? Status : IssueStatus.Unresolved;
        Sort = Sorts.Any(s => s.Value == Sort) ? Sort : IssueSort.LastSeen;
        Level = Levels.Contains(Level) ? Level : null;
        Environment = string.IsNullOrEmpty(Environment) ? null : Environment;
        Release = string.IsNullOrEmpty(Release) ? null : Release;
        PageNumber = Math.Max(PageNumber, 1);
        var query = new IssueQuery(Status == "all" ? null : Status, Level, Environment, Release, null, Sort!, PageSize, (PageNumber - 1) * PageSize)
            .WithSearch(Search);
        (Issues, Total) = await issues.ListAsync(project.Id, query, HttpContext.RequestAborted);
        (Environments, Releases) = await issues.FacetsAsync(project.Id, HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>This list's URL with some parameters changed; changing a filter goes back to page 1.</summary>
    public string Link(params (string Key, string? Value)[] changes)
    {
        var values = new Dictionary<string, string?>
        {
            ["status"] = Status == IssueStatus.Unresolved ? null : Status,
            ["level"] = Level,
            ["environment"] = Environment,
            ["release"] = Release,
            ["q"] = Search,
            ["sort"] = Sort == IssueSort.LastSeen ? null : Sort,
            ["page"] = null,
        };
        foreach (var (key, value) in changes)
            values[key] = value;
        var query = QueryString.Create(values.Where(v => !string.IsNullOrEmpty(v.Value)));
        return $"/projects/{Project.Slug}/issues{query}";
    }
}
