using Dapper;
using Vigil.Infrastructure.Storage;

namespace Vigil.Features.Errors.Storage;

/// <summary>Deletes events older than the retention age in small batches, each its own short
/// transaction, so ingest never waits long behind it. Issues keep their counts.</summary>
public sealed class EventRetention(Database database)
{
    /// <summary>Deletes up to <paramref name="batchSize"/> events received before <paramref name="cutoff"/>; returns how many.</summary>
    public async Task<int> DeleteBatchAsync(long cutoff, int batchSize, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var deleted = await connection.ExecuteAsync(
            "DELETE FROM events WHERE id IN (SELECT id FROM events WHERE received_at < @cutoff ORDER BY received_at LIMIT @batchSize)",
            new { cutoff, batchSize });
        await connection.ExecuteAsync(
            "DELETE FROM sentry_items WHERE id IN (SELECT id FROM sentry_items WHERE received_at < @cutoff ORDER BY received_at LIMIT @batchSize)",
            new { cutoff, batchSize });
        return deleted;
    }
}
