using System.Data.Common;
using Dapper;

namespace Vigil.Infrastructure.Storage;

/// <summary>Applies every capability's pending migrations at start, under a lock so a CLI
/// command and the server starting together never apply one twice.</summary>
public sealed class MigrationRunner(Database database, IEnumerable<IMigrationSet> sets)
{
    public async Task<int> ApplyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (database.Engine == StorageEngine.Sqlite)
            await connection.ExecuteAsync("PRAGMA journal_mode=WAL;");
        await using var transaction = await BeginLockedAsync(connection, cancellationToken);
        await connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_migrations (capability TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at BIGINT NOT NULL, PRIMARY KEY (capability, version))",
            transaction: transaction);
        var applied = (await connection.QueryAsync<(string Capability, long Version)>(
            "SELECT capability, version FROM schema_migrations", transaction: transaction)).ToHashSet();
        var count = 0;
        foreach (var set in sets)
        {
            foreach (var migration in set.Migrations.OrderBy(m => m.Version))
            {
                if (applied.Contains((set.Capability, migration.Version)))
                    continue;
                var sql = database.Engine == StorageEngine.Postgres && migration.PostgresSql is not null
                    ? migration.PostgresSql
                    : migration.Sql;
                await connection.ExecuteAsync(database.Ddl(sql), transaction: transaction);
                await connection.ExecuteAsync(
                    "INSERT INTO schema_migrations (capability, version, name, applied_at) VALUES (@Capability, @Version, @Name, @At)",
                    new { set.Capability, migration.Version, migration.Name, At = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() },
                    transaction);
                count++;
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    private async Task<DbTransaction> BeginLockedAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // Microsoft.Data.Sqlite begins with BEGIN IMMEDIATE, which takes the write lock up front.
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (database.Engine == StorageEngine.Postgres)
            await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(7361547)", transaction: transaction);
        return transaction;
    }
}
