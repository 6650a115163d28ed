using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Vigil.Infrastructure.Storage;

namespace Vigil.Infrastructure.Health;

/// <summary>Ready means the store answers a query.</summary>
public sealed class DatabaseHealthCheck(Database database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations");
            return HealthCheckResult.Healthy($"{database.Engine} answers");
        }
        catch (Exception error)
        {
            return HealthCheckResult.Unhealthy($"{database.Engine} does not answer: {error.GetType().Name}");
        }
    }
}
