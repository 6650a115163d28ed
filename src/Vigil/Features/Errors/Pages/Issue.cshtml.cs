using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Errors.Issues;
using Vigil.Features.Errors.Storage;
using Vigil.Features.Projects;
using Vigil.Features.Projects.Storage;

namespace Vigil.Features.Errors.Pages;

/// <summary>One issue: its facts, state actions, events over time and one event in full.</summary>
public sealed class IssueModel(IssueStore issues, IssueService service, ProjectStore projects, TimeProvider clock) : PageModel
{
    public Issue Issue { get; private set; } = null!;
    public Project? Project { get; private set; }
    public StoredEvent? Event { get; private set; }
    public EventDetails? Details { get; private set; }
    public IReadOnlyList<TagDistribution> Tags { get; private set; } = [];
    public IReadOnlyList<ReleaseSeen> Releases { get; private set; } = [];
    public IReadOnlyList<EventChart> Charts { get; private set; } = [];
    public DateTimeOffset Now { get; } = clock.GetUtcNow();
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, [FromQuery(Name = "event")] long? eventId)
    {
        var ct = HttpContext.RequestAborted;
        var issue = await issues.GetAsync(id, ct);
        if (issue is null)
            return NotFound();
        Issue = issue;
        Project = await projects.FindAsync(issue.ProjectId, ct);
        ViewData["Project"] = Project;
        ViewData["Section"] = "issues";
        Event = await issues.EventAsync(id, eventId, ct);
        Details = Event is null ? null : EventDetails.Parse(Event.Payload);
        Tags = await issues.TagsAsync(id, 5, ct);
        Releases = await issues.ReleasesAsync(id, ct);
        var daily = TimeSpan.FromDays(1);
        var hours = await issues.HoursAsync(id, EventChart.From(Now, daily, 14), Now.ToUnixTimeMilliseconds(), ct);
        Charts =
        [
            EventChart.Build("Last 24 hours", hours, Now, TimeSpan.FromHours(1), 24),
            EventChart.Build("Last 14 days", hours, Now, daily, 14),
        ];
        return Page();
    }

    /// <param name="ignore">forever, a duration (1h, 24h, 7d) or a number of further events (10, 100)</param>
    public async Task<IActionResult> OnPostStatusAsync(long id, string status, string? ignore)
    {
        var change = status == IssueStatus.Ignored ? IgnoreChange(ignore) : new IssueService.StatusChange(status);
        var (issue, error) = await service.ChangeStatusAsync(id, change, HttpContext.RequestAborted);
        if (issue is null)
            return error!.StartsWith("No issue", StringComparison.Ordinal) ? NotFound() : BadRequest(error);
        return Redirect($"/issues/{id}");
    }

    private IssueService.StatusChange IgnoreChange(string? ignore)
    {
        var now = Now;
        return ignore switch
        {
            "1h" => new(IssueStatus.Ignored, IgnoreUntil: now.AddHours(1).ToUnixTimeMilliseconds()),
            "24h" => new(IssueStatus.Ignored, IgnoreUntil: now.AddHours(24).ToUnixTimeMilliseconds()),
            "7d" => new(IssueStatus.Ignored, IgnoreUntil: now.AddDays(7).ToUnixTimeMilliseconds()),
            "10" => new(IssueStatus.Ignored, IgnoreForEvents: 10),
            "100" => new(IssueStatus.Ignored, IgnoreForEvents: 100),
            _ => new(IssueStatus.Ignored),
        };
    }
}
