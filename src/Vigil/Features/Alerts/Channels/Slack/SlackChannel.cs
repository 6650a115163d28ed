using System.Text.Json;
using Vigil.Features.Alerts.Delivery;

namespace Vigil.Features.Alerts.Channels.Slack;

/// <summary>Posts to a Slack (or Mattermost/Rocket.Chat, which accept the same JSON) incoming webhook.</summary>
public sealed class SlackChannel(ChannelHttp http) : AlertChannel<SlackOptions>
{
    public override string Kind => "slack";
    public override string DisplayName => "Slack";

    public override IReadOnlyList<ChannelField> Fields { get; } =
    [
        new("url", "Incoming webhook URL", FieldType.Url, Required: true, Secret: SecretMask.LastFour, Placeholder: "https://hooks.slack.com/services/…"),
    ];

    protected override void Check(SlackOptions options, OptionProblems problems) => problems.CheckUrl("url", options.Url);

    protected override Task<DeliveryOutcome> SendAsync(ChannelMessage message, SlackOptions options, CancellationToken cancellationToken) =>
        http.PostAsync(options.Url!, JsonSerializer.SerializeToUtf8Bytes(SlackMessage.Build(message)), null, cancellationToken);
}
