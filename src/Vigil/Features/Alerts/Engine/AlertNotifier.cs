using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Options;
using Vigil.Features.Alerts.Delivery;
using Vigil.Features.Alerts.Storage;
using Vigil.Infrastructure.Hosting;

namespace Vigil.Features.Alerts.Engine;

/// <summary>Turns "notify these alerts on these channels" into outbox rows, inside the caller's transaction:
/// one message per channel carrying every alert (grouping), each with its own signed acknowledge link,
/// minus channels over the project's hourly limit (the suppression is recorded), plus the history rows.</summary>
public sealed class AlertNotifier(AckLinks links, IOptions<VigilOptions> vigil, INotificationOutbox? outbox = null, IChannelDirectory? channels = null)
{
    public async Task<IReadOnlyList<long>> NotifyAsync(DbConnection connection, DbTransaction transaction, string projectSlug, IReadOnlyList<Alert> alerts,
        NotificationKind kind, IReadOnlyList<long> channelIds, int? maxPerChannelPerHour, long now, string keySuffix, CancellationToken cancellationToken)
    {
        var sent = new List<long>();
        if (alerts.Count == 0)
            return sent;
        var limited = kind is NotificationKind.Trigger or NotificationKind.Escalate or NotificationKind.Repeat;
        foreach (var channelId in channelIds.Distinct())
        {
            var name = await ChannelNameAsync(channelId, cancellationToken);
            if (limited && maxPerChannelPerHour is { } limit
                && await AlertWrites.NotificationsSinceAsync(connection, transaction, channelId, now - 3_600_000, cancellationToken) >= limit)
            {
                foreach (var alert in alerts)
                    await AlertWrites.AddEventAsync(connection, transaction, alert.Id, now, AlertEventKind.Suppressed,
                        $"{kind} to {name} not sent: the channel reached this project's limit of {limit} notifications per hour", channelId: channelId, cancellationToken: cancellationToken);
                continue;
            }
            if (outbox is null)
            {
                foreach (var alert in alerts)
                    await AlertWrites.AddEventAsync(connection, transaction, alert.Id, now, AlertEventKind.Unrouted,
                        $"{kind} to {name} not sent: this server has no delivery outbox", channelId: channelId, cancellationToken: cancellationToken);
                continue;
            }
            var key = $"{kind.ToString().ToLowerInvariant()}:{string.Join(',', alerts.Select(a => a.Id))}{keySuffix}";
            var message = new ChannelMessage(kind, projectSlug, Title(kind, alerts), alerts.Select(a => Notice(a, kind, channelId)).ToList());
            if (!await outbox.EnqueueAsync(connection, transaction, channelId, message, key, alerts[0].Id, cancellationToken))
                continue;
            sent.Add(channelId);
            foreach (var alert in alerts)
            {
                await AlertWrites.RecordNotificationAsync(connection, transaction, alert.Id, alert.ProjectId, channelId, kind.ToString(), now, key, alerts.Count, cancellationToken);
                var grouped = alerts.Count > 1 ? $" (grouped with {alerts.Count - 1} other alerts)" : "";
                await AlertWrites.AddEventAsync(connection, transaction, alert.Id, now, AlertEventKind.Notified, $"{kind} to {name}{grouped}",
                    channelId: channelId, cancellationToken: cancellationToken);
            }
        }
        return sent;
    }

    public async Task<string> ChannelNameAsync(long channelId, CancellationToken cancellationToken)
    {
        var channel = channels is null ? null : await channels.GetAsync(channelId, cancellationToken);
        return channel is null
            ? string.Create(CultureInfo.InvariantCulture, $"channel {channelId}")
            : string.Create(CultureInfo.InvariantCulture, $"channel {channelId} ({channel.Name})");
    }

    private AlertNotice Notice(Alert alert, NotificationKind kind, long channelId)
    {
        var open = kind is NotificationKind.Trigger or NotificationKind.Escalate or NotificationKind.Repeat or NotificationKind.Test;
        var status = kind switch
        {
            NotificationKind.Acknowledge => AlertStatus.Acknowledged,
            NotificationKind.Resolve => AlertStatus.Resolved,
            _ => AlertStatus.Firing,
        };
        return new AlertNotice(alert.Id, alert.DedupKey, alert.Severity, alert.Title, alert.Summary, alert.Details, status, alert.FiredAt,
            $"{vigil.Value.ResolvePublicUrl()}/alerts/{alert.Id}", open ? links.Url(alert.Id, channelId) : null);
    }

    private static string Title(NotificationKind kind, IReadOnlyList<Alert> alerts)
    {
        var what = kind switch
        {
            NotificationKind.Acknowledge => "Acknowledged: ",
            NotificationKind.Resolve => "Resolved: ",
            NotificationKind.Escalate => "Escalated: ",
            NotificationKind.Repeat => "Still firing: ",
            _ => "",
        };
        var severity = Severities.Name(alerts.Min(a => a.Severity)).ToUpperInvariant();
        return alerts.Count == 1
            ? $"{what}[{severity}] {alerts[0].Title}"
            : $"{what}[{severity}] {alerts.Count} alerts: {alerts[0].Title} and {alerts.Count - 1} more";
    }
}
