using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Errors.Issues;
using Vigil.Features.Errors.Storage;
using Vigil.Features.Projects;
using Vigil.Features.Projects.Storage;

namespace Vigil.Features.Errors.Pages;

/// <summary>The error events of one distributed trace: where "Errors with this trace" on a log event lands.</summary>
public sealed class TraceModel(ProjectStore projects, IssueStore issues, TimeProvider clock) : PageModel
{
    public Project Project { get; private set; } = null!;
    public string TraceId { get; private set; } = "";
    public IReadOnlyList<EventSummary> Events { get; private set; } = [];
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(string slug, string traceId)
    {
        var project = await projects.FindAsync(slug, HttpContext.RequestAborted);
        if (project is null)
            return NotFound();
        Project = project;
        TraceId = traceId;
        ViewData["Project"] = project;
        ViewData["Section"] = "issues";
        Events = await issues.EventsByTraceAsync(project.Id, traceId, cancellationToken: HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>Back to the logs of the trace, over the span of its errors and a window either side.</summary>
    public string LogsUrl()
    {
        var now = Now.ToUnixTimeMilliseconds();
        return LogLinks.Url(Project.Slug, "@trace_id", TraceId,
            Events.Count == 0 ? now : Events.Min(e => e.Timestamp), Events.Count == 0 ? now : Events.Max(e => e.Timestamp));
    }
}
