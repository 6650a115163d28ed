namespace Vigil.Features.Alerts.Channels.PagerDuty;

/// <summary><paramref name="RoutingKey"/> is the integration key of a PagerDuty service's "Events API v2"
/// integration; <paramref name="Url"/> defaults to PagerDuty's (EU accounts use events.eu.pagerduty.com).</summary>
public sealed record PagerDutyOptions(string? RoutingKey, string? Url)
{
    public const string DefaultUrl = "https://events.pagerduty.com/v2/enqueue";

    public string EventsUrl => string.IsNullOrWhiteSpace(Url) ? DefaultUrl : Url;
}
