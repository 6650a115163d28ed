using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Accounts.Storage;

public sealed class AccountsMigrations : IMigrationSet
{
    public string Capability => "accounts";

    public IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "users and api tokens", """
            CREATE TABLE users (
                id {id},
                email TEXT NOT NULL UNIQUE,
                password_hash TEXT NOT NULL,
                role TEXT NOT NULL,
                created_at BIGINT NOT NULL
            );
            CREATE TABLE api_tokens (
                id {id},
                name TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                prefix TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                revoked_at BIGINT NULL
            );
            """),
    ];
}
