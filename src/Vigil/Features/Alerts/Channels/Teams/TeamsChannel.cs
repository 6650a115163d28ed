using System.Text.Json;
using Vigil.Features.Alerts.Delivery;

namespace Vigil.Features.Alerts.Channels.Teams;

/// <summary>Posts <see cref="TeamsCard"/> to a Microsoft Teams webhook (Workflows answer 202, old connectors 200).</summary>
public sealed class TeamsChannel(ChannelHttp http) : AlertChannel<TeamsOptions>
{
    public override string Kind => "teams";
    public override string DisplayName => "Microsoft Teams";

    public override IReadOnlyList<ChannelField> Fields { get; } =
    [
        new("url", "Webhook URL", FieldType.Url, Required: true, Secret: SecretMask.LastFour, Placeholder: "https://….webhook.office.com/… or a Workflows URL"),
    ];

    protected override void Check(TeamsOptions options, OptionProblems problems) => problems.CheckUrl("url", options.Url);

    protected override Task<DeliveryOutcome> SendAsync(ChannelMessage message, TeamsOptions options, CancellationToken cancellationToken) =>
        http.PostAsync(options.Url!, JsonSerializer.SerializeToUtf8Bytes(TeamsCard.Build(message)), null, cancellationToken);
}
