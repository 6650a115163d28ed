using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Metrics.Storage;

/// <summary>
/// Series (name + canonical tags, unique per project by <c>identity</c>) and their points at three
/// resolutions, one table each so retention is a range delete per table and a query reads one.
/// Extremes are NULL where a bucket has none (a set's min and max) rather than ±infinity.
/// </summary>
public sealed class MetricsMigrations : IMigrationSet
{
    public string Capability => "metrics";

    public IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "metric series and 10-second, 1-minute and 1-hour points", Series + Points("metric_points_10s") + Points("metric_points_1m") + Points("metric_points_1h")),
    ];

    private const string Series = """
        CREATE TABLE metric_series (
            id {id},
            project_id BIGINT NOT NULL,
            name TEXT NOT NULL,
            kind INTEGER NOT NULL,
            unit TEXT NULL,
            tags TEXT NOT NULL,
            identity TEXT NOT NULL,
            first_seen BIGINT NOT NULL,
            last_seen BIGINT NOT NULL,
            UNIQUE (project_id, identity)
        );
        CREATE INDEX ix_metric_series_name ON metric_series (project_id, name);

        """;

    private static string Points(string table) => $"""
        CREATE TABLE {table} (
            series_id BIGINT NOT NULL,
            bucket BIGINT NOT NULL,
            count DOUBLE PRECISION NOT NULL,
            sum DOUBLE PRECISION NOT NULL,
            min DOUBLE PRECISION NULL,
            max DOUBLE PRECISION NULL,
            last DOUBLE PRECISION NULL,
            last_at BIGINT NULL,
            sketch {"{blob}"} NULL,
            set_blob {"{blob}"} NULL,
            PRIMARY KEY (series_id, bucket)
        );
        CREATE INDEX ix_{table}_bucket ON {table} (bucket);

        """;
}
