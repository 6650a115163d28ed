using System.Net;
using System.Text.Json;
using Vigil.Features.Alerts.Delivery;

namespace Vigil.Features.Alerts.Channels.PagerDuty;

/// <summary>PagerDuty Events API v2: one event per alert (the API takes one per call). 202 is delivered,
/// 429 and 5xx are retried, 400 (an invalid event or routing key) is permanent. A grouped message is
/// retried whole: PagerDuty deduplicates by dedup_key, so repeating the events that did arrive is harmless.</summary>
public sealed class PagerDutyChannel(ChannelHttp http) : AlertChannel<PagerDutyOptions>
{
    public override string Kind => "pagerduty";
    public override string DisplayName => "PagerDuty";

    public override IReadOnlyList<ChannelField> Fields { get; } =
    [
        new("routingKey", "Integration (routing) key", FieldType.Text, Required: true, Secret: SecretMask.LastFour,
            Help: "From the service's Integrations tab: Events API v2."),
        new("url", "Events API URL", FieldType.Url, Placeholder: PagerDutyOptions.DefaultUrl, Help: "Leave empty for PagerDuty's US service."),
    ];

    protected override void Check(PagerDutyOptions options, OptionProblems problems) => problems.CheckUrl("url", options.Url);

    protected override async Task<DeliveryOutcome> SendAsync(ChannelMessage message, PagerDutyOptions options, CancellationToken cancellationToken)
    {
        foreach (var alert in message.Alerts)
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(PagerDutyEvent.Build(message, alert, options.RoutingKey!));
            var outcome = await http.PostAsync(options.EventsUrl, body, null, cancellationToken, code => code is HttpStatusCode.Accepted or HttpStatusCode.OK);
            if (outcome.Kind != OutcomeKind.Delivered)
                return outcome;
        }
        return DeliveryOutcome.Delivered;
    }
}
