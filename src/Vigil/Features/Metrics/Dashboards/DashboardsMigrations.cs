using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Metrics.Dashboards;

/// <summary>Dashboards keep their charts as one JSON document: a dashboard is read and saved whole.</summary>
public sealed class DashboardsMigrations : IMigrationSet
{
    public string Capability => "dashboards";

    public IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "dashboards", """
            CREATE TABLE metric_dashboards (
                id {id},
                project_id BIGINT NOT NULL,
                name TEXT NOT NULL,
                charts TEXT NOT NULL,
                range_text TEXT NOT NULL,
                refresh_seconds INTEGER NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            );
            CREATE INDEX ix_metric_dashboards_project ON metric_dashboards (project_id, name);
            """),
    ];
}
