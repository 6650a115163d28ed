using Microsoft.AspNetCore.Mvc;
using Vigil.Features.Alerts.Delivery;
using Vigil.Features.Alerts.Rules;
using Vigil.Features.Alerts.Storage;
using Vigil.Features.Projects;
using Vigil.Features.Projects.Storage;

namespace Vigil.Features.Alerts.Pages;

/// <summary>One alert: what it says, its timeline (fired, notified, escalated, acknowledged …) and the notifications it caused.</summary>
public sealed class AlertModel(ProjectStore projects, AlertStore alerts, RuleStore rules, AlertService service, TimeProvider clock,
    IChannelDirectory? channels = null) : AlertActionsPage(service, clock)
{
    public Alert Alert { get; private set; } = null!;
    public Project Project { get; private set; } = null!;
    public AlertRule? Rule { get; private set; }
    public IReadOnlyList<AlertEvent> History { get; private set; } = [];
    public IReadOnlyList<AlertNotification> Notifications { get; private set; } = [];
    public IReadOnlyDictionary<long, string> ChannelNames { get; private set; } = new Dictionary<long, string>();
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var ct = HttpContext.RequestAborted;
        var alert = await alerts.GetAsync(id, ct);
        if (alert is null)
            return NotFound();
        Alert = alert;
        Project = (await projects.FindAsync(alert.ProjectId, ct))!;
        ViewData["Project"] = Project;
        ViewData["Section"] = "alerts";
        Rule = alert.RuleId is { } ruleId ? await rules.GetAsync(ruleId, ct) : null;
        History = await alerts.HistoryAsync(id, ct);
        Notifications = await alerts.NotificationsAsync(id, ct);
        if (channels is not null)
            ChannelNames = (await channels.ListAsync(alert.ProjectId, ct)).ToDictionary(c => c.Id, c => c.Name);
        return Page();
    }

    public string Channel(long id) => ChannelNames.TryGetValue(id, out var name) ? $"{name} (#{id})" : $"channel #{id}";
}
