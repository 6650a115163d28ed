using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Alerts.Storage;

/// <summary>
/// Rules, alerts and their history, routing policies, silences, and the record of every notification
/// the engine enqueued. JSON columns are plain TEXT: they are read whole by the engine, never queried into.
/// The partial unique index is the dedup guarantee: one open alert per project and dedup key.
/// Due-time columns (notify_due_at, next_escalation_at, next_repeat_at) make the alerts table the
/// escalation worker's queue.
/// </summary>
public sealed class AlertsMigrations : IMigrationSet
{
    public string Capability => "alerts";

    public IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "alert rules, alerts, history, routing, silences and notifications", """
            CREATE TABLE alert_rules (
                id {id},
                project_id BIGINT NOT NULL,
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                severity BIGINT NOT NULL,
                parameters TEXT NOT NULL,
                labels TEXT NOT NULL,
                enabled BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                last_evaluated_at BIGINT NULL,
                last_status TEXT NULL
            );
            CREATE INDEX ix_alert_rules_project ON alert_rules (project_id, kind);
            CREATE TABLE alerts (
                id {id},
                project_id BIGINT NOT NULL,
                rule_id BIGINT NULL,
                dedup_key TEXT NOT NULL,
                group_key TEXT NOT NULL,
                severity BIGINT NOT NULL,
                title TEXT NOT NULL,
                summary TEXT NOT NULL,
                details TEXT NOT NULL,
                labels TEXT NOT NULL,
                source TEXT NOT NULL,
                status TEXT NOT NULL,
                occurrences BIGINT NOT NULL,
                fired_at BIGINT NOT NULL,
                last_seen_at BIGINT NOT NULL,
                acknowledged_at BIGINT NULL,
                acknowledged_by TEXT NULL,
                resolved_at BIGINT NULL,
                resolved_by TEXT NULL,
                resolve_reason TEXT NULL,
                snoozed_until BIGINT NULL,
                escalation_level BIGINT NOT NULL,
                last_notified_at BIGINT NULL,
                notify_due_at BIGINT NULL,
                next_escalation_at BIGINT NULL,
                next_repeat_at BIGINT NULL
            );
            CREATE UNIQUE INDEX ux_alerts_open ON alerts (project_id, dedup_key) WHERE status <> 'resolved';
            CREATE INDEX ix_alerts_project ON alerts (project_id, status, fired_at);
            CREATE INDEX ix_alerts_group ON alerts (project_id, group_key, last_notified_at);
            CREATE INDEX ix_alerts_rule ON alerts (rule_id, fired_at);
            CREATE INDEX ix_alerts_notify_due ON alerts (notify_due_at) WHERE notify_due_at IS NOT NULL;
            CREATE INDEX ix_alerts_escalation ON alerts (next_escalation_at) WHERE next_escalation_at IS NOT NULL;
            CREATE INDEX ix_alerts_repeat ON alerts (next_repeat_at) WHERE next_repeat_at IS NOT NULL;
            CREATE TABLE alert_events (
                id {id},
                alert_id BIGINT NOT NULL,
                at BIGINT NOT NULL,
                kind TEXT NOT NULL,
                detail TEXT NOT NULL,
                actor TEXT NULL,
                channel_id BIGINT NULL
            );
            CREATE INDEX ix_alert_events_alert ON alert_events (alert_id, id);
            CREATE TABLE alert_notifications (
                id {id},
                alert_id BIGINT NOT NULL,
                project_id BIGINT NOT NULL,
                channel_id BIGINT NOT NULL,
                kind TEXT NOT NULL,
                at BIGINT NOT NULL,
                idempotency_key TEXT NOT NULL,
                alerts_in_message BIGINT NOT NULL
            );
            CREATE INDEX ix_alert_notifications_alert ON alert_notifications (alert_id);
            CREATE INDEX ix_alert_notifications_channel ON alert_notifications (channel_id, at);
            CREATE TABLE alert_routing (
                project_id BIGINT PRIMARY KEY,
                policy TEXT NOT NULL,
                updated_at BIGINT NOT NULL
            );
            CREATE TABLE alert_silences (
                id {id},
                project_id BIGINT NOT NULL,
                matchers TEXT NOT NULL,
                starts_at BIGINT NOT NULL,
                ends_at BIGINT NOT NULL,
                reason TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at BIGINT NOT NULL
            );
            CREATE INDEX ix_alert_silences_project ON alert_silences (project_id, ends_at);
            """),
    ];
}
