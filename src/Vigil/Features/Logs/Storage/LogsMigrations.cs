using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Logs.Storage;

/// <summary>
/// Log events: a time index per project, a full-text index over message, exception and property
/// values, message templates stored once, and per-minute counts maintained at ingest so histograms
/// never scan events. Properties are JSON and not indexed one by one: the time range bounds every
/// scan, and a property equality is first narrowed by the full-text index (see docs/LOGS.md).
/// </summary>
public sealed class LogsMigrations : IMigrationSet
{
    public string Capability => "logs";

    public IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "log events, full-text index, templates and minute counts", Events + SqliteText + Shared, Events + PostgresText + Shared),
    ];

    // The engines differ only in how an event's properties ({json}) and full text are held.
    private const string Events = """
        CREATE TABLE log_events (
            id {id},
            project_id BIGINT NOT NULL,
            timestamp BIGINT NOT NULL,
            level INTEGER NOT NULL,
            message TEXT NOT NULL,
            template_hash BIGINT NOT NULL,
            service TEXT NULL,
            host TEXT NULL,
            pid INTEGER NULL,
            trace_id TEXT NULL,
            span_id TEXT NULL,
            request_id TEXT NULL,
            environment TEXT NULL,
            exception TEXT NULL,
            properties {json} NOT NULL,
            size INTEGER NOT NULL
        );

        """;

    private const string SqliteText = """
        CREATE VIRTUAL TABLE log_text USING fts5 (body, content = '', contentless_delete = 1, tokenize = 'unicode61');

        """;

    private const string PostgresText = """
        ALTER TABLE log_events ADD COLUMN search TSVECTOR NOT NULL;
        CREATE INDEX ix_log_events_search ON log_events USING GIN (search);

        """;

    private const string Shared = """
        CREATE INDEX ix_log_events_time ON log_events (project_id, timestamp);
        CREATE INDEX ix_log_events_trace ON log_events (trace_id) WHERE trace_id IS NOT NULL;
        CREATE INDEX ix_log_events_request ON log_events (request_id) WHERE request_id IS NOT NULL;
        CREATE TABLE log_templates (
            project_id BIGINT NOT NULL,
            hash BIGINT NOT NULL,
            template TEXT NOT NULL,
            first_seen BIGINT NOT NULL,
            PRIMARY KEY (project_id, hash)
        );
        CREATE TABLE log_minutes (
            project_id BIGINT NOT NULL,
            minute BIGINT NOT NULL,
            level INTEGER NOT NULL,
            count BIGINT NOT NULL,
            bytes BIGINT NOT NULL,
            PRIMARY KEY (project_id, minute, level)
        );
        CREATE TABLE log_retention (
            project_id BIGINT PRIMARY KEY,
            max_age_days INTEGER NULL,
            max_bytes BIGINT NULL
        );
        CREATE TABLE log_saved_searches (
            id {id},
            project_id BIGINT NOT NULL,
            name TEXT NOT NULL,
            query TEXT NOT NULL,
            created_at BIGINT NOT NULL
        );
        """;
}
