using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Vigil.Features.Alerts.Delivery;
using Vigil.Features.Alerts.Routing;
using Vigil.Features.Projects.Storage;
using Vigil.Features.Shared.Pages;

namespace Vigil.Features.Alerts.Pages;

/// <summary>The routing policy editor: for each severity, up to <see cref="Levels"/> escalation levels of channels with
/// their delay, the repeat interval and the per-channel hourly limit. Channels come from the channel directory.</summary>
public sealed class RoutingModel(ProjectStore projects, RoutingStore routing, IAntiforgery antiforgery, IChannelDirectory? directory = null)
    : ProjectPage(projects, antiforgery)
{
    public const int Levels = 3;

    public RoutingPolicy Policy { get; private set; } = null!;
    public bool Configured { get; private set; }
    public IReadOnlyList<ChannelSummary> Channels { get; private set; } = [];
    public string? Error { get; private set; }
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug) => await LoadAsync(slug) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string slug)
    {
        if (!await LoadAsync(slug))
            return NotFound();
        var form = Request.Form;
        var severities = new Dictionary<string, IReadOnlyList<EscalationLevel>>();
        foreach (var severity in Enum.GetValues<AlertSeverity>().Select(Severities.Name))
        {
            var levels = new List<EscalationLevel>();
            for (var i = 0; i < Levels; i++)
            {
                var channels = form[$"{severity}.{i}.channels"].Select(v => long.TryParse(v, out var id) ? id : 0).Where(id => id > 0).ToList();
                if (channels.Count == 0)
                    continue;
                _ = int.TryParse(form[$"{severity}.{i}.after"], out var after);
                levels.Add(new EscalationLevel(channels, levels.Count == 0 ? 0 : after));
            }
            severities[severity] = levels;
        }
        _ = int.TryParse(form["repeatMinutes"], out var repeat);
        int? limit = int.TryParse(form["maxPerChannelPerHour"], out var max) && max > 0 ? max : null;
        var policy = new RoutingPolicy(severities, repeat, limit);
        Error = await routing.PutAsync(Project.Id, policy, HttpContext.RequestAborted);
        if (Error is null)
        {
            Saved = true;
            await LoadAsync(slug);
        }
        else
        {
            Policy = policy;
        }
        return Page();
    }

    public bool Has(string severity, int level, long channel) =>
        Policy.Severities.TryGetValue(severity, out var levels) && level < levels.Count && levels[level].Channels.Contains(channel);

    public int After(string severity, int level) =>
        Policy.Severities.TryGetValue(severity, out var levels) && level < levels.Count ? levels[level].AfterMinutes : level * 15;

    private async Task<bool> LoadAsync(string slug)
    {
        if (!await LoadProjectAsync(slug, "alerts"))
            return false;
        (Policy, Configured) = await routing.GetAsync(Project.Id, HttpContext.RequestAborted);
        Channels = directory is null ? [] : await directory.ListAsync(Project.Id, HttpContext.RequestAborted);
        return true;
    }
}
