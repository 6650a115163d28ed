using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Vigil.Features.Alerts.Pages;

/// <summary>The acknowledge, resolve and snooze buttons the alerts list and an alert's page share.</summary>
public abstract class AlertActionsPage(AlertService service, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnPostAcknowledgeAsync(long alertId)
    {
        var actor = User.Identity?.Name ?? "unknown";
        await service.AcknowledgeAsync(alertId, actor, $"acknowledged by {actor} in the UI", HttpContext.RequestAborted);
        return Redirect(Request.Path);
    }

    public async Task<IActionResult> OnPostResolveAsync(long alertId)
    {
        var actor = User.Identity?.Name ?? "unknown";
        await service.ResolveAsync(alertId, actor, $"resolved by {actor} in the UI", HttpContext.RequestAborted);
        return Redirect(Request.Path);
    }

    public async Task<IActionResult> OnPostSnoozeAsync(long alertId, int minutes)
    {
        await service.SnoozeAsync(alertId, clock.GetUtcNow().AddMinutes(Math.Clamp(minutes, 1, 60 * 24 * 30)), User.Identity?.Name ?? "unknown", HttpContext.RequestAborted);
        return Redirect(Request.Path);
    }
}
