using Vigil.Features.Alerts.Channels.Email;
using Vigil.Features.Alerts.Channels.PagerDuty;
using Vigil.Features.Alerts.Channels.Slack;
using Vigil.Features.Alerts.Channels.Teams;
using Vigil.Features.Alerts.Channels.Webhook;

namespace Vigil.Features.Alerts.Channels;

/// <summary>The one list of channel kinds. A new channel is a folder under Channels/ and a line here.</summary>
public sealed class ChannelRegistry
{
    private readonly Dictionary<string, IAlertChannel> _byKind;

    public ChannelRegistry(ChannelHttp http, TimeProvider clock)
    {
        All =
        [
            new EmailChannel(clock),
            new WebhookChannel(http),
            new SlackChannel(http),
            new TeamsChannel(http),
            new PagerDutyChannel(http),
        ];
        _byKind = All.ToDictionary(c => c.Kind, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<IAlertChannel> All { get; }

    public IReadOnlyList<string> Kinds => All.Select(c => c.Kind).ToList();

    public IAlertChannel? Find(string? kind) => kind is not null && _byKind.TryGetValue(kind, out var channel) ? channel : null;
}
