using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Projects.Storage;

public sealed class ProjectsMigrations : IMigrationSet
{
    public string Capability => "projects";

    public IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "projects and keys", """
            CREATE TABLE projects (
                id {id},
                slug TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                rate_limit_per_minute INTEGER NULL,
                scrub_pii INTEGER NOT NULL DEFAULT 1,
                scrub_extra_fields TEXT NOT NULL DEFAULT '',
                scrub_safe_fields TEXT NOT NULL DEFAULT ''
            );
            CREATE TABLE project_keys (
                id {id},
                project_id BIGINT NOT NULL REFERENCES projects(id),
                public_key TEXT NOT NULL UNIQUE,
                label TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                revoked_at BIGINT NULL
            );
            CREATE INDEX ix_project_keys_project ON project_keys(project_id);
            """),
    ];
}
