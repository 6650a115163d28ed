using System.Text;
using System.Text.Json.Nodes;
using Vigil.Features.Alerts.Delivery;

namespace Vigil.Features.Alerts.Channels.Slack;

/// <summary>Slack incoming-webhook JSON: <c>text</c> for notifications and clients without blocks, and one
/// attachment per alert coloured by severity, holding Block Kit blocks with the links as buttons
/// (https://api.slack.com/messaging/webhooks, https://api.slack.com/reference/messaging/attachments).</summary>
public static class SlackMessage
{
    public static JsonObject Build(ChannelMessage message)
    {
        var attachments = new JsonArray();
        foreach (var alert in message.Alerts)
        {
            var summary = new StringBuilder($"*<{alert.AlertUrl}|{Escape(alert.Title)}>*  `{Names.Severity(alert.Severity)}` · {Escape(alert.Status)}");
            if (alert.Summary.Length > 0)
                summary.Append('\n').Append(Escape(alert.Summary));
            foreach (var (name, value) in alert.Details.Take(10))
                summary.Append($"\n• *{Escape(name)}*: {Escape(value)}");
            var buttons = new JsonArray { Button("Open", alert.AlertUrl, null) };
            if (alert.AcknowledgeUrl is not null)
                buttons.Add(Button("Acknowledge", alert.AcknowledgeUrl, "primary"));
            attachments.Add(new JsonObject
            {
                ["color"] = "#" + Names.Colour(message with { Alerts = [alert] }),
                ["fallback"] = $"[{Names.Severity(alert.Severity).ToUpperInvariant()}] {alert.Title}",
                ["blocks"] = new JsonArray
                {
                    new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Truncate(summary.ToString(), 2900) } },
                    new JsonObject { ["type"] = "actions", ["elements"] = buttons },
                },
            });
        }
        return new JsonObject
        {
            ["text"] = $"[{Names.Tag(message)}] {Escape(message.Title)} ({message.ProjectSlug})",
            ["attachments"] = attachments,
        };
    }

    private static JsonObject Button(string label, string url, string? style)
    {
        var button = new JsonObject
        {
            ["type"] = "button",
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = label },
            ["url"] = url,
        };
        if (style is not null)
            button["style"] = style;
        return button;
    }

    // Slack's mrkdwn treats these three as control characters.
    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
