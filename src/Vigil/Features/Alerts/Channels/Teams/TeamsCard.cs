using System.Text.Json.Nodes;
using Vigil.Features.Alerts.Delivery;

namespace Vigil.Features.Alerts.Channels.Teams;

/// <summary>An Adaptive Card (schema 1.4) in a message attachment, the body Teams webhooks and the
/// Workflows app accept now that Office 365 connectors' MessageCard is retired:
/// https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using#send-adaptive-cards-using-an-incoming-webhook</summary>
public static class TeamsCard
{
    public static JsonObject Build(ChannelMessage message)
    {
        var body = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "TextBlock", ["size"] = "Large", ["weight"] = "Bolder", ["wrap"] = true,
                ["color"] = Names.Worst(message) <= AlertSeverity.Error && message.Kind is not (NotificationKind.Resolve or NotificationKind.Acknowledge) ? "Attention" : "Default",
                ["text"] = $"[{Names.Tag(message)}] {message.Title}",
            },
            new JsonObject { ["type"] = "TextBlock", ["isSubtle"] = true, ["spacing"] = "None", ["text"] = $"Project {message.ProjectSlug}" },
        };
        var actions = new JsonArray();
        foreach (var alert in message.Alerts)
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["weight"] = "Bolder", ["wrap"] = true, ["separator"] = true, ["text"] = alert.Title });
            if (alert.Summary.Length > 0)
                body.Add(new JsonObject { ["type"] = "TextBlock", ["wrap"] = true, ["text"] = alert.Summary });
            var facts = new JsonArray
            {
                Fact("Severity", Names.Severity(alert.Severity)),
                Fact("Status", alert.Status),
                Fact("Fired", alert.FiredAt.ToString("u")),
            };
            foreach (var (name, value) in alert.Details.Take(10))
                facts.Add(Fact(name, value));
            body.Add(new JsonObject { ["type"] = "FactSet", ["facts"] = facts });
            actions.Add(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = Trim($"Open: {alert.Title}"), ["url"] = alert.AlertUrl });
            if (alert.AcknowledgeUrl is not null)
                actions.Add(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = Trim($"Acknowledge: {alert.Title}"), ["url"] = alert.AcknowledgeUrl });
        }
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = body,
            ["actions"] = actions,
        };
        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["contentUrl"] = null, ["content"] = card },
            },
        };
    }

    private static JsonObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = value };

    private static string Trim(string text) => text.Length <= 60 ? text : text[..59] + "…";
}
