using System.Data.Common;
using Microsoft.Extensions.Options;
using Vigil.Features.Alerts.Delivery;
using Vigil.Features.Alerts.Engine;
using Vigil.Features.Alerts.Routing;
using Vigil.Features.Alerts.Rules;
using Vigil.Features.Alerts.Silences;
using Vigil.Features.Alerts.Storage;
using Vigil.Features.Projects.Storage;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Alerts;

/// <summary>
/// The alert lifecycle. Firing deduplicates on the open alert with the same key; a new alert is either
/// notified at once (level 1 of its severity's route), held for its group's window, or held by a silence.
/// Acknowledging and resolving tell the channels that were notified. Every change, its history rows and
/// the notifications it owes commit in one transaction.
/// </summary>
public sealed class AlertService(
    Database database, AlertNotifier notifier, RoutingStore routing, RuleStore rules, ProjectStore projects,
    TimeProvider clock, IOptions<AlertsOptions> options)
{
    // One firing at a time in this process, so two occurrences of a key cannot both open an alert;
    // across instances the partial unique index refuses the second, which is retried as an occurrence.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public sealed record FireResult(Alert Alert, bool Deduplicated);

    public async Task<FireResult> FireAsync(AlertFiring firing, CancellationToken cancellationToken = default)
    {
        var project = await projects.FindAsync(firing.ProjectId, cancellationToken)
            ?? throw new InvalidOperationException($"No project {firing.ProjectId}.");
        var (policy, _) = await routing.GetAsync(firing.ProjectId, cancellationToken);
        var ruleName = await RuleNameAsync(firing.RuleId, cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            try
            {
                return await FireOnceAsync(firing, project.Slug, policy, ruleName, cancellationToken);
            }
            catch (DbException) when (!cancellationToken.IsCancellationRequested)
            {
                return await FireOnceAsync(firing, project.Slug, policy, ruleName, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<FireResult> FireOnceAsync(AlertFiring firing, string slug, RoutingPolicy policy, string? ruleName, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        long id;
        bool deduplicated;
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var open = await AlertStore.FindOpenAsync(connection, transaction, firing.ProjectId, firing.DedupKey, cancellationToken);
            deduplicated = open is not null;
            if (open is not null)
            {
                id = open.Id;
                await AlertWrites.AddOccurrenceAsync(connection, transaction, id, firing, now, cancellationToken);
            }
            else
            {
                id = await AlertWrites.InsertAsync(connection, transaction, firing, now, cancellationToken);
                await AlertWrites.AddEventAsync(connection, transaction, id, now, AlertEventKind.Fired, firing.Summary, firing.Source, cancellationToken: cancellationToken);
                var alert = (await AlertStore.GetAsync(connection, transaction, id, cancellationToken))!;
                await DispatchAsync(connection, transaction, alert, slug, policy, ruleName, now, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        return new FireResult((await AlertStore.GetAsync(connection, null, id, cancellationToken))!, deduplicated);
    }

    /// <summary>A firing alert's first notification: held while a silence matches it (until the silence ends) or
    /// while its group was notified less than Alerts:GroupInterval ago (until that window ends); otherwise now.</summary>
    public async Task DispatchAsync(DbConnection connection, DbTransaction transaction, Alert alert, string slug, RoutingPolicy policy, string? ruleName,
        long now, CancellationToken cancellationToken)
    {
        var silences = await SilenceStore.ActiveAsync(connection, transaction, alert.ProjectId, DateTimeOffset.FromUnixTimeMilliseconds(now), cancellationToken);
        var subject = Silence.Subject(alert, ruleName);
        if (silences.FirstOrDefault(s => s.Matches(subject)) is { } silence)
        {
            await AlertWrites.AddEventAsync(connection, transaction, alert.Id, now, AlertEventKind.Silenced,
                $"silenced by silence #{silence.Id} until {silence.EndsAt:u}: {silence.Reason}", silence.CreatedBy, cancellationToken: cancellationToken);
            await AlertWrites.DeferAsync(connection, transaction, alert.Id, silence.EndsAt.ToUnixTimeMilliseconds(), cancellationToken);
            return;
        }
        var window = (long)options.Value.GroupInterval.TotalMilliseconds;
        var last = await AlertWrites.GroupLastNotifiedAsync(connection, transaction, alert.ProjectId, alert.GroupKey, alert.Id, cancellationToken);
        if (last is not null && now - last.Value < window)
        {
            await AlertWrites.DeferAsync(connection, transaction, alert.Id, last.Value + window, cancellationToken);
            return;
        }
        await TriggerAsync(connection, transaction, [alert], slug, policy, now, cancellationToken);
    }

    /// <summary>Notifies level 1 of each alert's severity in one message per channel, and schedules escalation and repeat.</summary>
    public async Task TriggerAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Alert> alerts, string slug, RoutingPolicy policy,
        long now, CancellationToken cancellationToken)
    {
        foreach (var bySeverity in alerts.GroupBy(a => a.Severity))
        {
            var group = bySeverity.ToList();
            var channels = policy.Level(bySeverity.Key, 1)?.Channels ?? [];
            if (channels.Count == 0)
            {
                foreach (var alert in group)
                    await AlertWrites.AddEventAsync(connection, transaction, alert.Id, now, AlertEventKind.Unrouted,
                        $"no channel is routed for severity {Severities.Name(alert.Severity)}: recorded, not notified", cancellationToken: cancellationToken);
            }
            else
            {
                await notifier.NotifyAsync(connection, transaction, slug, group, NotificationKind.Trigger, channels, policy.MaxPerChannelPerHour, now, "", cancellationToken);
            }
            foreach (var alert in group)
            {
                long? escalation = policy.Level(alert.Severity, 2) is { } next ? alert.FiredAt.ToUnixTimeMilliseconds() + next.AfterMinutes * 60_000L : null;
                long? repeat = channels.Count == 0 ? null : now + policy.RepeatMinutes * 60_000L;
                await AlertWrites.MarkTriggeredAsync(connection, transaction, alert.Id, now, escalation, repeat, cancellationToken);
            }
        }
    }

    /// <summary>Acknowledges a firing alert and tells the channels that were notified. <paramref name="how"/> goes into history
    /// ("acknowledged via link from channel 3"). Null when there is no such alert; unchanged when it was not firing.</summary>
    public Task<Alert?> AcknowledgeAsync(long id, string actor, string? how = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, NotificationKind.Acknowledge, async (connection, transaction, now) =>
        {
            if (await AlertWrites.AcknowledgeAsync(connection, transaction, id, actor, now, cancellationToken) == 0)
                return false;
            await AlertWrites.AddEventAsync(connection, transaction, id, now, AlertEventKind.Acknowledged, how ?? $"acknowledged by {actor}", actor, cancellationToken: cancellationToken);
            return true;
        }, cancellationToken);

    public Task<Alert?> ResolveAsync(long id, string actor, string reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, NotificationKind.Resolve, async (connection, transaction, now) =>
        {
            if (await AlertWrites.ResolveAsync(connection, transaction, id, actor, reason, now, cancellationToken) == 0)
                return false;
            await AlertWrites.AddEventAsync(connection, transaction, id, now, AlertEventKind.Resolved, reason, actor, cancellationToken: cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>Resolves the open alert with this key, if there is one (a rule's condition cleared, or a sender said "resolve").</summary>
    public async Task<Alert?> ResolveOpenAsync(long projectId, string dedupKey, string actor, string reason, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var open = await AlertStore.FindOpenAsync(connection, null, projectId, dedupKey, cancellationToken);
        return open is null ? null : await ResolveAsync(open.Id, actor, reason, cancellationToken);
    }

    /// <summary>No repeats or escalations until <paramref name="until"/>; they resume after it if still unacknowledged.</summary>
    public async Task<Alert?> SnoozeAsync(long id, DateTimeOffset until, string actor, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            if (await AlertWrites.SnoozeAsync(connection, transaction, id, until.ToUnixTimeMilliseconds(), cancellationToken) == 1)
                await AlertWrites.AddEventAsync(connection, transaction, id, now, AlertEventKind.Snoozed, $"snoozed until {until:u}", actor, cancellationToken: cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return await AlertStore.GetAsync(connection, null, id, cancellationToken);
    }

    private async Task<Alert?> ChangeAsync(long id, NotificationKind kind, Func<DbConnection, DbTransaction, long, Task<bool>> change, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        var alert = await AlertStore.GetAsync(connection, null, id, cancellationToken);
        if (alert is null)
            return null;
        var project = await projects.FindAsync(alert.ProjectId, cancellationToken);
        var (policy, _) = await routing.GetAsync(alert.ProjectId, cancellationToken);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            if (await change(connection, transaction, now))
            {
                var changed = (await AlertStore.GetAsync(connection, transaction, id, cancellationToken))!;
                var channels = await AlertStore.NotifiedChannelsAsync(connection, transaction, id, cancellationToken);
                await notifier.NotifyAsync(connection, transaction, project?.Slug ?? "", [changed], kind, channels, policy.MaxPerChannelPerHour, now, "", cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        return await AlertStore.GetAsync(connection, null, id, cancellationToken);
    }

    public async Task<string?> RuleNameAsync(long? ruleId, CancellationToken cancellationToken)
    {
        if (ruleId is null)
            return null;
        return (await rules.EnabledAsync(cancellationToken)).FirstOrDefault(r => r.Id == ruleId)?.Name
            ?? (await rules.GetAsync(ruleId.Value, cancellationToken))?.Name;
    }
}
