using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Vigil.Features.Alerts.Delivery;
using Vigil.Features.Alerts.Rules;
using Vigil.Features.Alerts.Storage;
using Vigil.Features.Projects.Storage;

namespace Vigil.Features.Alerts.Pages;

/// <summary>One alert: what it says, its timeline (fired, notified, escalated, acknowledged …) and the notifications it caused.</summary>
public sealed class AlertModel(ProjectStore projects, AlertStore alerts, RuleStore rules, AlertService service, TimeProvider clock,
    IAntiforgery antiforgery, IChannelDirectory? channels = null) : AlertActionsPage(projects, alerts, service, clock, antiforgery)
{
    public Alert Alert { get; private set; } = null!;
    public AlertRule? Rule { get; private set; }
    public IReadOnlyList<AlertEvent> History { get; private set; } = [];
    public IReadOnlyList<AlertNotification> Notifications { get; private set; } = [];
    public IReadOnlyDictionary<long, string> ChannelNames { get; private set; } = new Dictionary<long, string>();
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var ct = HttpContext.RequestAborted;
        var alert = await Store.GetAsync(id, ct);
        if (alert is null || !await LoadProjectAsync(alert.ProjectId, "alerts"))
            return NotFound();
        Alert = alert;
        Rule = alert.RuleId is { } ruleId ? await rules.GetAsync(ruleId, ct) : null;
        History = await Store.HistoryAsync(id, ct);
        Notifications = await Store.NotificationsAsync(id, ct);
        if (channels is not null)
            ChannelNames = (await channels.ListAsync(alert.ProjectId, ct)).ToDictionary(c => c.Id, c => c.Name);
        return Page();
    }

    /// <summary>An alert's page acts on that alert only.</summary>
    protected override Task<bool> CoversAsync(Alert alert) =>
        Task.FromResult(Convert.ToString(RouteData.Values["id"], CultureInfo.InvariantCulture) == alert.Id.ToString(CultureInfo.InvariantCulture));

    public string Channel(long id) => ChannelNames.TryGetValue(id, out var name) ? $"{name} (#{id})" : $"channel #{id}";
}
