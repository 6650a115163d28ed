using Vigil.Features.Alerts.Delivery;

namespace Vigil.Features.Alerts.Channels;

/// <summary>The lower-case words channels print for kinds and severities.</summary>
public static class Names
{
    public static string Kind(NotificationKind kind) => kind switch
    {
        NotificationKind.Trigger => "trigger",
        NotificationKind.Acknowledge => "acknowledge",
        NotificationKind.Resolve => "resolve",
        NotificationKind.Escalate => "escalate",
        NotificationKind.Repeat => "repeat",
        NotificationKind.Test => "test",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static string Severity(AlertSeverity severity) => severity.ToString().ToLowerInvariant();

    /// <summary>The subject-line tag: the worst severity while firing, or what happened.</summary>
    public static string Tag(ChannelMessage message) => message.Kind switch
    {
        NotificationKind.Resolve => "RESOLVED",
        NotificationKind.Acknowledge => "ACKNOWLEDGED",
        NotificationKind.Test => "TEST",
        _ => message.Alerts.Count == 0 ? "ALERT" : Severity(Worst(message)).ToUpperInvariant(),
    };

    public static AlertSeverity Worst(ChannelMessage message) =>
        message.Alerts.Count == 0 ? AlertSeverity.Info : message.Alerts.Min(a => a.Severity);

    /// <summary>Colours by severity for chat attachments (hex without '#').</summary>
    public static string Colour(ChannelMessage message) => message.Kind switch
    {
        NotificationKind.Resolve => "2EB67D",
        NotificationKind.Acknowledge => "6B7280",
        _ => Worst(message) switch
        {
            AlertSeverity.Critical => "D7263D",
            AlertSeverity.Error => "F46036",
            AlertSeverity.Warning => "E8C547",
            _ => "3B82F6",
        },
    };
}
