using System.Data.Common;
using Dapper;

namespace Vigil.Features.Alerts.Storage;

/// <summary>The alerts table as the worker's queue: what is due, and the conditional updates that claim it
/// (an affected count of 1 means this worker, and no other, does the work).</summary>
public static class DueAlerts
{
    public sealed record Due(long Id, long ProjectId, string GroupKey, long DueAt, long Level);

    /// <summary>Held first notifications (grouping windows, silences) whose time came.</summary>
    public static async Task<IReadOnlyList<Due>> HeldAsync(DbConnection connection, long now, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<Due>(new CommandDefinition(
            "SELECT id AS Id, project_id AS ProjectId, group_key AS GroupKey, notify_due_at AS DueAt, escalation_level AS Level FROM alerts " +
            "WHERE notify_due_at <= @now AND status = 'firing' ORDER BY notify_due_at LIMIT 500", new { now }, cancellationToken: cancellationToken))).ToList();

    /// <summary>Unacknowledged, unsnoozed alerts whose next escalation level is due.</summary>
    public static async Task<IReadOnlyList<Due>> EscalationsAsync(DbConnection connection, long now, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<Due>(new CommandDefinition(
            "SELECT id AS Id, project_id AS ProjectId, group_key AS GroupKey, next_escalation_at AS DueAt, escalation_level AS Level FROM alerts " +
            "WHERE next_escalation_at <= @now AND status = 'firing' AND (snoozed_until IS NULL OR snoozed_until <= @now) ORDER BY next_escalation_at LIMIT 500",
            new { now }, cancellationToken: cancellationToken))).ToList();

    /// <summary>Unacknowledged, unsnoozed alerts whose repeat notification is due.</summary>
    public static async Task<IReadOnlyList<Due>> RepeatsAsync(DbConnection connection, long now, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<Due>(new CommandDefinition(
            "SELECT id AS Id, project_id AS ProjectId, group_key AS GroupKey, next_repeat_at AS DueAt, escalation_level AS Level FROM alerts " +
            "WHERE next_repeat_at <= @now AND status = 'firing' AND (snoozed_until IS NULL OR snoozed_until <= @now) ORDER BY next_repeat_at LIMIT 500",
            new { now }, cancellationToken: cancellationToken))).ToList();

    public static async Task<bool> ClaimHeldAsync(DbConnection connection, DbTransaction transaction, Due due, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alerts SET notify_due_at = NULL WHERE id = @Id AND notify_due_at = @DueAt AND status = 'firing'",
            due, transaction, cancellationToken: cancellationToken)) == 1;

    public static async Task<bool> ClaimEscalationAsync(DbConnection connection, DbTransaction transaction, Due due, long? following, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alerts SET escalation_level = @Level + 1, next_escalation_at = @following " +
            "WHERE id = @Id AND escalation_level = @Level AND next_escalation_at = @DueAt AND status = 'firing'",
            new { due.Id, due.Level, due.DueAt, following }, transaction, cancellationToken: cancellationToken)) == 1;

    public static async Task<bool> ClaimRepeatAsync(DbConnection connection, DbTransaction transaction, Due due, long? following, long now, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alerts SET next_repeat_at = @following, last_notified_at = @now WHERE id = @Id AND next_repeat_at = @DueAt AND status = 'firing'",
            new { due.Id, due.DueAt, following, now }, transaction, cancellationToken: cancellationToken)) == 1;
}
