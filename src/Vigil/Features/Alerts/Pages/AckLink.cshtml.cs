using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Alerts.Engine;
using Vigil.Features.Alerts.Storage;

namespace Vigil.Features.Alerts.Pages;

/// <summary>The signed link in a notification. GET only shows the alert and a confirm button, because mail
/// scanners and chat unfurlers fetch links; POST acknowledges. A forged link is a 400, an expired one a 410.</summary>
[AllowAnonymous]
public sealed class AckLinkModel(AckLinks links, AlertStore alerts, AlertService service, AlertNotifier notifier) : PageModel
{
    public Alert? Alert { get; private set; }
    public string? Problem { get; private set; }
    public bool JustAcknowledged { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token) => await LoadAsync(token) ?? Page();

    public async Task<IActionResult> OnPostAsync(string token)
    {
        if (await LoadAsync(token) is { } refused)
            return refused;
        var (_, alertId, channelId) = links.Read(token);
        var channel = await notifier.ChannelNameAsync(channelId, HttpContext.RequestAborted);
        JustAcknowledged = Alert!.Status == AlertStatus.Firing;
        Alert = await service.AcknowledgeAsync(alertId, $"link:{channel}", $"acknowledged via link from {channel}", HttpContext.RequestAborted);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string token)
    {
        var (verdict, alertId, _) = links.Read(token);
        if (verdict != AckLinks.Verdict.Valid)
        {
            Problem = verdict == AckLinks.Verdict.Expired
                ? "This acknowledge link has expired. Open the alert in Vigil to acknowledge it."
                : "This acknowledge link is not valid: it may have been cut short or changed.";
            Response.StatusCode = verdict == AckLinks.Verdict.Expired ? StatusCodes.Status410Gone : StatusCodes.Status400BadRequest;
            return Page();
        }
        Alert = await alerts.GetAsync(alertId, HttpContext.RequestAborted);
        if (Alert is null)
        {
            Problem = "This alert no longer exists.";
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        return null;
    }
}
