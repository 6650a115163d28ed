using System.Data.Common;
using Dapper;

namespace Vigil.Features.Alerts.Storage;

/// <summary>The statements that change alerts, always inside the caller's transaction so an alert, its
/// history and the notifications it owes commit together.</summary>
public static class AlertWrites
{
    public static async Task<long> InsertAsync(DbConnection connection, DbTransaction transaction, AlertFiring firing, long now, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO alerts (project_id, rule_id, dedup_key, group_key, severity, title, summary, details, labels, source, status, occurrences, " +
            "fired_at, last_seen_at, escalation_level) VALUES (@ProjectId, @RuleId, @DedupKey, @GroupKey, @severity, @Title, @Summary, @details, " +
            "@labels, @Source, 'firing', 1, @now, @now, 0) RETURNING id",
            new
            {
                firing.ProjectId, firing.RuleId, firing.DedupKey, firing.GroupKey, severity = (long)firing.Severity, firing.Title, firing.Summary,
                details = JsonMap.Write(firing.Details), labels = JsonMap.Write(firing.Labels), firing.Source, now,
            }, transaction, cancellationToken: cancellationToken));

    /// <summary>An open alert absorbs a new occurrence: counted, its text refreshed, no new notification.</summary>
    public static Task AddOccurrenceAsync(DbConnection connection, DbTransaction transaction, long id, AlertFiring firing, long now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alerts SET occurrences = occurrences + 1, last_seen_at = @now, summary = @Summary, details = @details WHERE id = @id",
            new { id, now, firing.Summary, details = JsonMap.Write(firing.Details) }, transaction, cancellationToken: cancellationToken));

    public static Task AddEventAsync(DbConnection connection, DbTransaction transaction, long alertId, long at, string kind, string detail,
        string? actor = null, long? channelId = null, CancellationToken cancellationToken = default) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO alert_events (alert_id, at, kind, detail, actor, channel_id) VALUES (@alertId, @at, @kind, @detail, @actor, @channelId)",
            new { alertId, at, kind, detail, actor, channelId }, transaction, cancellationToken: cancellationToken));

    public static Task RecordNotificationAsync(DbConnection connection, DbTransaction transaction, long alertId, long projectId, long channelId,
        string kind, long at, string key, int alertsInMessage, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO alert_notifications (alert_id, project_id, channel_id, kind, at, idempotency_key, alerts_in_message) " +
            "VALUES (@alertId, @projectId, @channelId, @kind, @at, @key, @count)",
            new { alertId, projectId, channelId, kind, at, key, count = (long)alertsInMessage }, transaction, cancellationToken: cancellationToken));

    /// <summary>Notifications (messages, not alerts in them) a channel was sent since <paramref name="since"/>.</summary>
    public static Task<long> NotificationsSinceAsync(DbConnection connection, DbTransaction transaction, long channelId, long since, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(DISTINCT idempotency_key) FROM alert_notifications WHERE channel_id = @channelId AND at >= @since",
            new { channelId, since }, transaction, cancellationToken: cancellationToken));

    /// <summary>After a trigger went out: the alert is at level 1 and owes an escalation and a repeat at these times.</summary>
    public static Task MarkTriggeredAsync(DbConnection connection, DbTransaction transaction, long id, long now, long? nextEscalation, long? nextRepeat,
        CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alerts SET escalation_level = 1, last_notified_at = @now, notify_due_at = NULL, next_escalation_at = @nextEscalation, " +
            "next_repeat_at = @nextRepeat WHERE id = @id",
            new { id, now, nextEscalation, nextRepeat }, transaction, cancellationToken: cancellationToken));

    /// <summary>Holds an alert's first notification until <paramref name="due"/> (grouping, or a silence ending).</summary>
    public static Task DeferAsync(DbConnection connection, DbTransaction transaction, long id, long due, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alerts SET notify_due_at = @due WHERE id = @id", new { id, due }, transaction, cancellationToken: cancellationToken));

    /// <summary>The newest notification time of an alert group, other than <paramref name="exceptId"/>.</summary>
    public static Task<long?> GroupLastNotifiedAsync(DbConnection connection, DbTransaction transaction, long projectId, string groupKey, long exceptId,
        CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MAX(last_notified_at) FROM alerts WHERE project_id = @projectId AND group_key = @groupKey AND id <> @exceptId",
            new { projectId, groupKey, exceptId }, transaction, cancellationToken: cancellationToken));

    /// <summary>Firing → acknowledged; stops escalation and repeats. 0 when it was not firing.</summary>
    public static Task<int> AcknowledgeAsync(DbConnection connection, DbTransaction transaction, long id, string actor, long now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alerts SET status = 'acknowledged', acknowledged_at = @now, acknowledged_by = @actor, notify_due_at = NULL, " +
            "next_escalation_at = NULL, next_repeat_at = NULL WHERE id = @id AND status = 'firing'",
            new { id, actor, now }, transaction, cancellationToken: cancellationToken));

    /// <summary>Open → resolved, with who and why. 0 when it was already resolved.</summary>
    public static Task<int> ResolveAsync(DbConnection connection, DbTransaction transaction, long id, string actor, string reason, long now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alerts SET status = 'resolved', resolved_at = @now, resolved_by = @actor, resolve_reason = @reason, notify_due_at = NULL, " +
            "next_escalation_at = NULL, next_repeat_at = NULL WHERE id = @id AND status <> 'resolved'",
            new { id, actor, reason, now }, transaction, cancellationToken: cancellationToken));

    public static Task<int> SnoozeAsync(DbConnection connection, DbTransaction transaction, long id, long until, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alerts SET snoozed_until = @until WHERE id = @id AND status <> 'resolved'",
            new { id, until }, transaction, cancellationToken: cancellationToken));
}
