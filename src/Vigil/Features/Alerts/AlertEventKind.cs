namespace Vigil.Features.Alerts;

/// <summary>The kinds of history rows an alert collects.</summary>
public static class AlertEventKind
{
    public const string Fired = "fired";
    public const string Repeated = "repeated";
    public const string Notified = "notified";
    public const string Suppressed = "suppressed";
    public const string Acknowledged = "acknowledged";
    public const string Escalated = "escalated";
    public const string Snoozed = "snoozed";
    public const string Silenced = "silenced";
    public const string Resolved = "resolved";
    public const string Unrouted = "unrouted";
}
