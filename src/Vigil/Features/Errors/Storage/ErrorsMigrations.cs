using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Errors.Storage;

public sealed class ErrorsMigrations : IMigrationSet
{
    public string Capability => "errors";

    public IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "issues, events and their aggregates", """
            CREATE TABLE issues (
                id {id},
                project_id BIGINT NOT NULL,
                fingerprint TEXT NOT NULL,
                grouping_variant TEXT NOT NULL,
                title TEXT NOT NULL,
                culprit TEXT NOT NULL,
                level TEXT NOT NULL,
                platform TEXT NOT NULL,
                status TEXT NOT NULL,
                regressed_at BIGINT NULL,
                resolved_at BIGINT NULL,
                resolved_in_release TEXT NULL,
                ignore_until BIGINT NULL,
                ignore_until_count BIGINT NULL,
                first_seen BIGINT NOT NULL,
                last_seen BIGINT NOT NULL,
                times_seen BIGINT NOT NULL,
                user_count BIGINT NOT NULL,
                first_release TEXT NULL,
                last_release TEXT NULL,
                UNIQUE (project_id, fingerprint)
            );
            CREATE INDEX ix_issues_project_last_seen ON issues (project_id, last_seen);
            CREATE TABLE events (
                id {id},
                project_id BIGINT NOT NULL,
                issue_id BIGINT NOT NULL,
                event_id TEXT NOT NULL,
                timestamp BIGINT NOT NULL,
                received_at BIGINT NOT NULL,
                level TEXT NOT NULL,
                release TEXT NULL,
                environment TEXT NULL,
                user_key TEXT NULL,
                trace_id TEXT NULL,
                title TEXT NOT NULL,
                payload TEXT NOT NULL,
                UNIQUE (project_id, event_id)
            );
            CREATE INDEX ix_events_issue ON events (issue_id, id);
            CREATE INDEX ix_events_received ON events (received_at);
            CREATE INDEX ix_events_trace ON events (trace_id);
            CREATE TABLE issue_users (issue_id BIGINT NOT NULL, user_key TEXT NOT NULL, PRIMARY KEY (issue_id, user_key));
            CREATE TABLE issue_tags (issue_id BIGINT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, count BIGINT NOT NULL, last_seen BIGINT NOT NULL, PRIMARY KEY (issue_id, key, value));
            CREATE TABLE issue_hours (issue_id BIGINT NOT NULL, hour BIGINT NOT NULL, count BIGINT NOT NULL, PRIMARY KEY (issue_id, hour));
            CREATE TABLE issue_releases (issue_id BIGINT NOT NULL, release TEXT NOT NULL, first_seen BIGINT NOT NULL, last_seen BIGINT NOT NULL, count BIGINT NOT NULL, PRIMARY KEY (issue_id, release));
            CREATE TABLE sentry_items (
                id {id},
                project_id BIGINT NOT NULL,
                type TEXT NOT NULL,
                received_at BIGINT NOT NULL,
                payload TEXT NOT NULL
            );
            CREATE INDEX ix_sentry_items_type ON sentry_items (project_id, type, received_at);
            """),
    ];
}
