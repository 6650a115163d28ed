using System.Net;
using System.Text;
using Vigil.Features.Alerts.Delivery;

namespace Vigil.Features.Alerts.Channels.Email;

/// <summary>The subject, plain-text and HTML bodies of an alert mail: every alert with its title,
/// severity, summary, details, its link and the signed acknowledge link.</summary>
public static class EmailBody
{
    public static string Subject(ChannelMessage message)
    {
        var subject = $"[{Names.Tag(message)}] {message.Title}";
        // Header folding is the mail library's job, but a newline in a title must not become a header.
        return subject.ReplaceLineEndings(" ");
    }

    public static string Text(ChannelMessage message)
    {
        var text = new StringBuilder();
        text.AppendLine($"{message.Title} (project {message.ProjectSlug})").AppendLine();
        foreach (var alert in message.Alerts)
        {
            text.AppendLine($"[{Names.Severity(alert.Severity).ToUpperInvariant()}] {alert.Title}");
            text.AppendLine($"Status: {alert.Status}, fired {alert.FiredAt:u}");
            if (alert.Summary.Length > 0)
                text.AppendLine(alert.Summary);
            foreach (var (name, value) in alert.Details)
                text.AppendLine($"  {name}: {value}");
            text.AppendLine($"Open: {alert.AlertUrl}");
            if (alert.AcknowledgeUrl is not null)
                text.AppendLine($"Acknowledge: {alert.AcknowledgeUrl}");
            text.AppendLine();
        }
        text.AppendLine("-- ").AppendLine("Sent by Vigil.");
        return text.ToString();
    }

    public static string Html(ChannelMessage message)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        html.Append($"<h2>{E(message.Title)}</h2><p style=\"color:#666\">Project {E(message.ProjectSlug)}</p>");
        foreach (var alert in message.Alerts)
        {
            var colour = Names.Colour(message with { Alerts = [alert] });
            html.Append($"<div style=\"border-left:4px solid #{colour};padding:4px 12px;margin:12px 0\">");
            html.Append($"<h3 style=\"margin:4px 0\">{E(alert.Title)}</h3>");
            html.Append($"<p><b>{E(Names.Severity(alert.Severity))}</b> · {E(alert.Status)} · fired {E(alert.FiredAt.ToString("u"))}</p>");
            if (alert.Summary.Length > 0)
                html.Append($"<p>{E(alert.Summary)}</p>");
            if (alert.Details.Count > 0)
            {
                html.Append("<table>");
                foreach (var (name, value) in alert.Details)
                    html.Append($"<tr><th align=\"left\">{E(name)}</th><td>{E(value)}</td></tr>");
                html.Append("</table>");
            }
            html.Append($"<p><a href=\"{E(alert.AlertUrl)}\">Open in Vigil</a>");
            if (alert.AcknowledgeUrl is not null)
                html.Append($" · <a href=\"{E(alert.AcknowledgeUrl)}\">Acknowledge</a>");
            html.Append("</p></div>");
        }
        return html.Append("</body></html>").ToString();
    }
}
