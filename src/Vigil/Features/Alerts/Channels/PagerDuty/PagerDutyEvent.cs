using System.Text.Json.Nodes;
using Vigil.Features.Alerts.Delivery;

namespace Vigil.Features.Alerts.Channels.PagerDuty;

/// <summary>One Events API v2 event (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/).
/// The dedup key is the project slug and the alert's dedup key, so trigger, acknowledge and resolve of one
/// alert reach the same PagerDuty incident and two projects' keys never collide.</summary>
public static class PagerDutyEvent
{
    public static string Action(NotificationKind kind) => kind switch
    {
        NotificationKind.Acknowledge => "acknowledge",
        NotificationKind.Resolve => "resolve",
        _ => "trigger",
    };

    public static string DedupKey(ChannelMessage message, AlertNotice alert) => $"{message.ProjectSlug}/{alert.DedupKey}";

    public static JsonObject Build(ChannelMessage message, AlertNotice alert, string routingKey)
    {
        var action = Action(message.Kind);
        var body = new JsonObject
        {
            ["routing_key"] = routingKey,
            ["event_action"] = action,
            ["dedup_key"] = DedupKey(message, alert),
        };
        // Only a trigger carries a payload; acknowledge and resolve are the key and the action alone.
        if (action != "trigger")
            return body;
        var details = new JsonObject { ["status"] = alert.Status, ["summary"] = alert.Summary };
        foreach (var (name, value) in alert.Details)
            details[name] = value;
        body["payload"] = new JsonObject
        {
            // PagerDuty caps summary at 1024 characters.
            ["summary"] = Truncate($"[{Names.Severity(alert.Severity).ToUpperInvariant()}] {alert.Title}", 1024),
            ["source"] = $"vigil/{message.ProjectSlug}",
            ["severity"] = alert.Severity switch
            {
                AlertSeverity.Critical => "critical",
                AlertSeverity.Error => "error",
                AlertSeverity.Warning => "warning",
                _ => "info",
            },
            ["timestamp"] = alert.FiredAt.ToString("O"),
            ["custom_details"] = details,
        };
        var links = new JsonArray { new JsonObject { ["href"] = alert.AlertUrl, ["text"] = "Open in Vigil" } };
        if (alert.AcknowledgeUrl is not null)
            links.Add(new JsonObject { ["href"] = alert.AcknowledgeUrl, ["text"] = "Acknowledge in Vigil" });
        body["links"] = links;
        body["client"] = "Vigil";
        body["client_url"] = alert.AlertUrl;
        return body;
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
