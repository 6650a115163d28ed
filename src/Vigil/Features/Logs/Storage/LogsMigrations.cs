using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Logs.Storage;

/// <summary>
/// Log events, stored in blocks (migration 2): a few hundred events per row as JSON lines, with
/// the block's time span and a filter of its words, so ingest writes one row per block and a
/// search reads only the blocks its time range and words allow (see docs/LOGS.md). Message
/// templates are stored once, and per-minute counts are kept at ingest so histograms never scan
/// events. Migration 1's row-per-event tables are converted by migration 2 and dropped.
/// </summary>
public sealed class LogsMigrations : IMigrationSet
{
    public string Capability => "logs";

    public IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "log events, full-text index, templates and minute counts", Events + SqliteText + Shared, Events + PostgresText + Shared),
        new(2, "log events move into blocks with word filters", Blocks + SqliteConvert, Blocks + PostgresConvert),
        // PostgreSQL compresses a block's data when it stores it (TOAST); pglz, the default, made a search
        // that reads a hundred blocks spend most of its time inflating them. lz4 inflates several times
        // faster for about the same size. Blocks written before keep pglz; both read the same. A server
        // before PostgreSQL 14, or built without lz4, keeps pglz.
        new(3, "log blocks compressed with lz4 on PostgreSQL", "SELECT 1;", """
            DO $$
            BEGIN
                IF current_setting('server_version_num')::int >= 140000 THEN
                    EXECUTE 'ALTER TABLE log_blocks ALTER COLUMN data SET COMPRESSION lz4';
                END IF;
            EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
                RAISE NOTICE 'log blocks stay compressed with pglz: %', SQLERRM;
            END
            $$;
            """),
    ];

    // An event row becomes a one-event block without a filter (it may hold any word), so nothing
    // stored before blocks is lost; new events arrive in full blocks.
    private const string Blocks = """
        CREATE TABLE log_blocks (
            id {id},
            project_id BIGINT NOT NULL,
            min_ts BIGINT NOT NULL,
            max_ts BIGINT NOT NULL,
            count INTEGER NOT NULL,
            levels INTEGER NOT NULL,
            filter {blob} NULL,
            data {blob} NOT NULL
        );
        CREATE INDEX ix_log_blocks_time ON log_blocks (project_id, max_ts, id, min_ts, count);
        CREATE INDEX ix_log_blocks_oldest ON log_blocks (project_id, min_ts);

        """;

    private const string SqliteConvert = """
        INSERT INTO log_blocks (project_id, min_ts, max_ts, count, levels, filter, data)
        SELECT project_id, timestamp, timestamp, 1, 1 << level, NULL, CAST(json_object(
            't', timestamp, 'l', level, 'm', message, 'h', template_hash, 's', service, 'ho', host, 'pid', pid,
            'tr', trace_id, 'sp', span_id, 'r', request_id, 'e', environment, 'x', exception, 'p', json(properties)) AS BLOB)
        FROM log_events ORDER BY id;
        DROP TABLE log_text;
        DROP TABLE log_events;
        """;

    private const string PostgresConvert = """
        INSERT INTO log_blocks (project_id, min_ts, max_ts, count, levels, filter, data)
        SELECT project_id, timestamp, timestamp, 1, 1 << level, NULL, convert_to(jsonb_build_object(
            't', timestamp, 'l', level, 'm', message, 'h', template_hash, 's', service, 'ho', host, 'pid', pid,
            'tr', trace_id, 'sp', span_id, 'r', request_id, 'e', environment, 'x', exception, 'p', properties)::text, 'UTF8')
        FROM log_events ORDER BY id;
        DROP TABLE log_events;
        """;

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
