using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Vigil.Features.Alerts.Silences;
using Vigil.Features.Projects.Storage;
using Vigil.Features.Shared.Pages;

namespace Vigil.Features.Alerts.Pages;

/// <summary>A project's silences: the active and past ones, a form to add one (one matcher per line) and expiry.</summary>
public sealed class SilencesModel(ProjectStore projects, SilenceStore silences, TimeProvider clock, IAntiforgery antiforgery)
    : ProjectPage(projects, antiforgery)
{
    [BindProperty] public string? Matchers { get; set; }
    [BindProperty] public int Minutes { get; set; } = 120;
    [BindProperty] public string? Reason { get; set; }

    public IReadOnlyList<Silence> Silences { get; private set; } = [];
    public DateTimeOffset Now { get; } = clock.GetUtcNow();
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug) => await LoadAsync(slug) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCreateAsync(string slug)
    {
        if (!await LoadAsync(slug))
            return NotFound();
        var matchers = new List<SilenceMatcher>();
        foreach (var line in (Matchers ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (SilenceMatcher.Parse(line) is not { } matcher)
            {
                Error = $"matchers: '{line}' is not name=value, name!=value, name=~regex or name!~regex.";
                return Page();
            }
            matchers.Add(matcher);
        }
        var (valid, starts, ends, error) = SilencesApi.Validate(new SilencesApi.SilenceRequest(matchers, null, null, Minutes, Reason), Now);
        if (error is not null)
        {
            Error = error;
            return Page();
        }
        await silences.CreateAsync(Project.Id, valid!, starts, ends, Reason!.Trim(), User.Identity?.Name ?? "unknown", HttpContext.RequestAborted);
        return Redirect($"/projects/{slug}/alerts/silences");
    }

    public async Task<IActionResult> OnPostExpireAsync(string slug, long silenceId)
    {
        if (!await LoadAsync(slug) || Silences.All(s => s.Id != silenceId))
            return NotFound();
        await silences.ExpireAsync(silenceId, HttpContext.RequestAborted);
        return Redirect($"/projects/{slug}/alerts/silences");
    }

    private async Task<bool> LoadAsync(string slug)
    {
        if (!await LoadProjectAsync(slug, "alerts"))
            return false;
        Silences = await silences.ListAsync(Project.Id, HttpContext.RequestAborted);
        return true;
    }
}
