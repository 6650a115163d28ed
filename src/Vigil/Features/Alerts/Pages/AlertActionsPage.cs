using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Vigil.Features.Alerts.Storage;
using Vigil.Features.Projects.Storage;
using Vigil.Features.Shared.Pages;

namespace Vigil.Features.Alerts.Pages;

/// <summary>The acknowledge, resolve and snooze buttons the alerts list and an alert's page share. The
/// alert id comes from the form, so each page says which alerts its URL lets a person act on; any other
/// id is a 404 that changes nothing.</summary>
public abstract class AlertActionsPage(ProjectStore projects, AlertStore alerts, AlertService service, TimeProvider clock, IAntiforgery antiforgery)
    : ProjectPage(projects, antiforgery)
{
    protected AlertStore Store { get; } = alerts;

    public async Task<IActionResult> OnPostAcknowledgeAsync(long alertId)
    {
        if (!await MayActOnAsync(alertId))
            return NotFound();
        var actor = User.Identity?.Name ?? "unknown";
        await service.AcknowledgeAsync(alertId, actor, $"acknowledged by {actor} in the UI", HttpContext.RequestAborted);
        return Redirect(Request.Path);
    }

    public async Task<IActionResult> OnPostResolveAsync(long alertId)
    {
        if (!await MayActOnAsync(alertId))
            return NotFound();
        var actor = User.Identity?.Name ?? "unknown";
        await service.ResolveAsync(alertId, actor, $"resolved by {actor} in the UI", HttpContext.RequestAborted);
        return Redirect(Request.Path);
    }

    public async Task<IActionResult> OnPostSnoozeAsync(long alertId, int minutes)
    {
        if (!await MayActOnAsync(alertId))
            return NotFound();
        await service.SnoozeAsync(alertId, clock.GetUtcNow().AddMinutes(Math.Clamp(minutes, 1, 60 * 24 * 30)), User.Identity?.Name ?? "unknown", HttpContext.RequestAborted);
        return Redirect(Request.Path);
    }

    /// <summary>True when the page's URL covers <paramref name="alert"/>.</summary>
    protected abstract Task<bool> CoversAsync(Alert alert);

    private async Task<bool> MayActOnAsync(long alertId) =>
        await Store.GetAsync(alertId, HttpContext.RequestAborted) is { } alert && await CoversAsync(alert);
}
