using Vigil.Features.Alerts.Delivery;

namespace Vigil.Tests.Features.Alerts.Support;

/// <summary>The one place engine tests read what the engine sent: the <see cref="RecordingOutbox"/> stand-in.</summary>
public sealed class Notifications(RecordingOutbox outbox)
{
    public sealed record Sent(long ChannelId, NotificationKind Kind, IReadOnlyList<long> AlertIds, string Title, IReadOnlyList<AlertNotice> Notices);

    public IReadOnlyList<Sent> To(long channelId) =>
        outbox.All.Where(e => e.ChannelId == channelId).Select(Map).ToList();

    public IReadOnlyList<Sent> ForAlert(long alertId) =>
        outbox.All.Where(e => e.Message.Alerts.Any(a => a.AlertId == alertId)).Select(Map).ToList();

    public IReadOnlyList<Sent> OfKind(long channelId, NotificationKind kind) => To(channelId).Where(s => s.Kind == kind).ToList();

    private static Sent Map(RecordingOutbox.Enqueued e) =>
        new(e.ChannelId, e.Message.Kind, e.Message.Alerts.Select(a => a.AlertId).ToList(), e.Message.Title, e.Message.Alerts);
}
