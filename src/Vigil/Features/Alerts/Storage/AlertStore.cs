using System.Data.Common;
using System.Text;
using Dapper;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Alerts.Storage;

/// <summary>Reads alerts, their history and their notifications; <see cref="AlertWrites"/> changes them.</summary>
public sealed class AlertStore(Database database)
{
    public async Task<Alert?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await GetAsync(connection, null, id, cancellationToken);
    }

    public static async Task<Alert?> GetAsync(DbConnection connection, DbTransaction? transaction, long id, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<AlertRow>(new CommandDefinition(
            $"SELECT {AlertRow.Columns} FROM alerts WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        return row?.ToAlert();
    }

    /// <summary>The open (firing or acknowledged) alert of a project with this dedup key, if any.</summary>
    public static async Task<Alert?> FindOpenAsync(DbConnection connection, DbTransaction? transaction, long projectId, string dedupKey, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<AlertRow>(new CommandDefinition(
            $"SELECT {AlertRow.Columns} FROM alerts WHERE project_id = @projectId AND dedup_key = @dedupKey AND status <> 'resolved'",
            new { projectId, dedupKey }, transaction, cancellationToken: cancellationToken));
        return row?.ToAlert();
    }

    public async Task<Alert?> FindOpenAsync(long projectId, string dedupKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindOpenAsync(connection, null, projectId, dedupKey, cancellationToken);
    }

    /// <summary>Firing alerts first, then acknowledged, then resolved; newest first within each.</summary>
    public async Task<IReadOnlyList<Alert>> ListAsync(long projectId, AlertFilter filter, CancellationToken cancellationToken = default)
    {
        var where = new StringBuilder("project_id = @projectId");
        if (filter.Status is not null)
            where.Append(filter.Status == "open" ? " AND status <> 'resolved'" : " AND status = @status");
        if (filter.Severity is not null)
            where.Append(" AND severity = @severity");
        if (filter.RuleId is not null)
            where.Append(" AND rule_id = @ruleId");
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AlertRow>(new CommandDefinition(
            $"SELECT {AlertRow.Columns} FROM alerts WHERE {where} " +
            "ORDER BY CASE status WHEN 'firing' THEN 0 WHEN 'acknowledged' THEN 1 ELSE 2 END, severity, fired_at DESC, id DESC LIMIT @limit",
            new { projectId, status = filter.Status, severity = (int?)filter.Severity, ruleId = filter.RuleId, limit = Math.Clamp(filter.Limit, 1, 1000) },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToAlert()).ToList();
    }

    public async Task<IReadOnlyList<AlertEvent>> HistoryAsync(long alertId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, long AlertId, long At, string Kind, string Detail, string? Actor, long? ChannelId)>(new CommandDefinition(
            "SELECT id, alert_id, at, kind, detail, actor, channel_id FROM alert_events WHERE alert_id = @alertId ORDER BY id",
            new { alertId }, cancellationToken: cancellationToken));
        return rows.Select(r => new AlertEvent(r.Id, r.AlertId, DateTimeOffset.FromUnixTimeMilliseconds(r.At), r.Kind, r.Detail, r.Actor, r.ChannelId)).ToList();
    }

    public async Task<IReadOnlyList<AlertNotification>> NotificationsAsync(long alertId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, long AlertId, long ChannelId, string Kind, long At, string Key, long Count)>(new CommandDefinition(
            "SELECT id, alert_id, channel_id, kind, at, idempotency_key, alerts_in_message FROM alert_notifications WHERE alert_id = @alertId ORDER BY id",
            new { alertId }, cancellationToken: cancellationToken));
        return rows.Select(r => new AlertNotification(r.Id, r.AlertId, r.ChannelId, r.Kind, DateTimeOffset.FromUnixTimeMilliseconds(r.At), r.Key, (int)r.Count)).ToList();
    }

    /// <summary>The channels an alert was notified on (triggers, escalations, repeats), which acknowledgements and resolutions go back to.</summary>
    public static async Task<IReadOnlyList<long>> NotifiedChannelsAsync(DbConnection connection, DbTransaction transaction, long alertId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT DISTINCT channel_id FROM alert_notifications WHERE alert_id = @alertId AND kind IN ('Trigger', 'Escalate', 'Repeat')",
            new { alertId }, transaction, cancellationToken: cancellationToken))).ToList();

    /// <summary>Alerts fired since <paramref name="since"/> with their rule, for the noise report.</summary>
    public async Task<IReadOnlyList<Alert>> FiredSinceAsync(long projectId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AlertRow>(new CommandDefinition(
            $"SELECT {AlertRow.Columns} FROM alerts WHERE project_id = @projectId AND fired_at >= @since ORDER BY fired_at",
            new { projectId, since = since.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToAlert()).ToList();
    }
}
