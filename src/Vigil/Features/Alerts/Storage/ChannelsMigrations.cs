using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Alerts.Storage;

/// <summary>Notification channels and the delivery outbox. Their own migration set ("alert-channels"),
/// so the alert engine's tables are numbered independently. Options are JSON text whose secret fields
/// hold Data Protection ciphertext (see <see cref="ChannelSecrets"/>).</summary>
public sealed class ChannelsMigrations : IMigrationSet
{
    public string Capability => "alert-channels";

    public IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "alert channels and the delivery outbox", """
            CREATE TABLE alert_channels (
                id {id},
                project_id BIGINT NOT NULL,
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                options TEXT NOT NULL,
                enabled BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            );
            CREATE INDEX ix_alert_channels_project ON alert_channels (project_id, name);
            CREATE TABLE alert_deliveries (
                id {id},
                channel_id BIGINT NOT NULL,
                alert_id BIGINT NULL,
                kind BIGINT NOT NULL,
                message TEXT NOT NULL,
                idempotency_key TEXT NOT NULL,
                state TEXT NOT NULL,
                attempts BIGINT NOT NULL,
                next_attempt_at BIGINT NOT NULL,
                leased_until BIGINT NULL,
                last_error TEXT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                delivered_at BIGINT NULL,
                UNIQUE (channel_id, idempotency_key)
            );
            CREATE INDEX ix_alert_deliveries_due ON alert_deliveries (state, next_attempt_at);
            CREATE INDEX ix_alert_deliveries_channel ON alert_deliveries (channel_id, id);
            CREATE INDEX ix_alert_deliveries_alert ON alert_deliveries (alert_id) WHERE alert_id IS NOT NULL;
            """),
        // JSON of a Remainder: who a partly delivered message is still owed to; null until some recipient has it.
        new(2, "deliveries remember the recipients a partial delivery still owes", """
            ALTER TABLE alert_deliveries ADD COLUMN remainder TEXT NULL;
            """),
    ];
}
