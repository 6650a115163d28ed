using Microsoft.Extensions.Options;
using Vigil.Features.Alerts.Delivery;
using Vigil.Features.Alerts.Routing;
using Vigil.Features.Alerts.Silences;
using Vigil.Features.Alerts.Storage;
using Vigil.Features.Projects.Storage;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Alerts.Engine;

/// <summary>Every Alerts:WorkerInterval: sends held first notifications (grouped per group key), escalates
/// unacknowledged alerts to their next level, and repeats still-firing ones. The database is the queue; each
/// piece of work is claimed with a conditional update so two instances never send it twice.</summary>
public sealed class AlertWorker(
    Database database, AlertService alerts, AlertNotifier notifier, RoutingStore routing, ProjectStore projects,
    TimeProvider clock, IOptions<AlertsOptions> options, ILogger<AlertWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.WorkerInterval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                log.LogError(failure, "The alert worker failed; it tries again in {Interval}.", options.Value.WorkerInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await SendHeldAsync(cancellationToken);
        await EscalateAsync(cancellationToken);
        await RepeatAsync(cancellationToken);
    }

    private async Task SendHeldAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var group in (await DueAlerts.HeldAsync(connection, now, cancellationToken)).GroupBy(d => (d.ProjectId, d.GroupKey)))
        {
            var slug = (await projects.FindAsync(group.Key.ProjectId, cancellationToken))?.Slug ?? "";
            var (policy, _) = await routing.GetAsync(group.Key.ProjectId, cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var silences = await SilenceStore.ActiveAsync(connection, transaction, group.Key.ProjectId, clock.GetUtcNow(), cancellationToken);
            var send = new List<Alert>();
            foreach (var due in group)
            {
                if (!await DueAlerts.ClaimHeldAsync(connection, transaction, due, cancellationToken))
                    continue;
                var alert = (await AlertStore.GetAsync(connection, transaction, due.Id, cancellationToken))!;
                var subject = Silence.Subject(alert, await alerts.RuleNameAsync(alert.RuleId, cancellationToken));
                if (silences.FirstOrDefault(s => s.Matches(subject)) is { } silence)
                {
                    await AlertWrites.AddEventAsync(connection, transaction, alert.Id, now, AlertEventKind.Silenced,
                        $"silenced by silence #{silence.Id} until {silence.EndsAt:u}: {silence.Reason}", silence.CreatedBy, cancellationToken: cancellationToken);
                    await AlertWrites.DeferAsync(connection, transaction, alert.Id, silence.EndsAt.ToUnixTimeMilliseconds(), cancellationToken);
                    continue;
                }
                send.Add(alert);
            }
            if (send.Count > 0)
                await alerts.TriggerAsync(connection, transaction, send, slug, policy, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private async Task EscalateAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var due in await DueAlerts.EscalationsAsync(connection, now, cancellationToken))
        {
            var slug = (await projects.FindAsync(due.ProjectId, cancellationToken))?.Slug ?? "";
            var (policy, _) = await routing.GetAsync(due.ProjectId, cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var alert = (await AlertStore.GetAsync(connection, transaction, due.Id, cancellationToken))!;
            var level = (int)due.Level + 1;
            long? following = policy.Level(alert.Severity, level + 1) is { } after ? alert.FiredAt.ToUnixTimeMilliseconds() + after.AfterMinutes * 60_000L : null;
            if (await DueAlerts.ClaimEscalationAsync(connection, transaction, due, following, cancellationToken) && policy.Level(alert.Severity, level) is { } next)
            {
                var minutes = (now - alert.FiredAt.ToUnixTimeMilliseconds()) / 60_000;
                await AlertWrites.AddEventAsync(connection, transaction, alert.Id, now, AlertEventKind.Escalated,
                    $"escalated to level {level}: not acknowledged after {minutes} minutes", cancellationToken: cancellationToken);
                if (!await IsSilencedAsync(connection, transaction, alert, now, cancellationToken))
                    await notifier.NotifyAsync(connection, transaction, slug, [alert with { EscalationLevel = level }], NotificationKind.Escalate, next.Channels,
                        policy.MaxPerChannelPerHour, now, $":{level}", cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private async Task RepeatAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var due in await DueAlerts.RepeatsAsync(connection, now, cancellationToken))
        {
            var slug = (await projects.FindAsync(due.ProjectId, cancellationToken))?.Slug ?? "";
            var (policy, _) = await routing.GetAsync(due.ProjectId, cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var alert = (await AlertStore.GetAsync(connection, transaction, due.Id, cancellationToken))!;
            if (await DueAlerts.ClaimRepeatAsync(connection, transaction, due, now + policy.RepeatMinutes * 60_000L, now, cancellationToken))
            {
                await AlertWrites.AddEventAsync(connection, transaction, alert.Id, now, AlertEventKind.Repeated,
                    $"still firing and not acknowledged after {(now - alert.FiredAt.ToUnixTimeMilliseconds()) / 60_000} minutes", cancellationToken: cancellationToken);
                if (!await IsSilencedAsync(connection, transaction, alert, now, cancellationToken))
                    await notifier.NotifyAsync(connection, transaction, slug, [alert], NotificationKind.Repeat, policy.ChannelsUpTo(alert.Severity, alert.EscalationLevel),
                        policy.MaxPerChannelPerHour, now, $":{now}", cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private async Task<bool> IsSilencedAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, Alert alert, long now, CancellationToken cancellationToken)
    {
        var silences = await SilenceStore.ActiveAsync(connection, transaction, alert.ProjectId, DateTimeOffset.FromUnixTimeMilliseconds(now), cancellationToken);
        var subject = Silence.Subject(alert, await alerts.RuleNameAsync(alert.RuleId, cancellationToken));
        return silences.Any(s => s.Matches(subject));
    }
}
