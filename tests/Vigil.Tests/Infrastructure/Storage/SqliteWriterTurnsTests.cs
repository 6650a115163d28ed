using Microsoft.Data.Sqlite;
using Vigil.Infrastructure.Storage;

namespace Vigil.Tests.Infrastructure.Storage;

/// <summary>SQLite has one writer: a small write that finds a bulk writer's transaction holding the lock
/// must get it when that transaction commits, not after however many more batches follow back to back.</summary>
public sealed class SqliteWriterTurnsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vigil-turns-").FullName;

    [Fact]
    public async Task ASmallWriteRunsAsSoonAsTheBulkTransactionHoldingTheLockCommits()
    {
        await using var database = new Database(StorageEngine.Sqlite, null, _directory);
        await using (var setup = (SqliteConnection)await database.OpenAsync())
        {
            Execute(setup, "PRAGMA journal_mode=WAL; CREATE TABLE rows (source TEXT NOT NULL)");
        }
        var bulkCommits = 0;
        using var stop = new CancellationTokenSource();
        var bulk = Task.Run(async () =>
        {
            SqliteWriterTurns.MarkBulk();
            await using var connection = (SqliteConnection)await database.OpenAsync();
            while (!stop.IsCancellationRequested)
            {
                await SqliteWriterTurns.StepAsideAsync(CancellationToken.None);
                using var transaction = connection.BeginTransaction();
                Execute(connection, "INSERT INTO rows VALUES ('bulk')");
                // A batch that keeps the lock for a while; the next one starts the moment it commits.
                Thread.Sleep(40);
                transaction.Commit();
                Interlocked.Increment(ref bulkCommits);
            }
        });
        while (Volatile.Read(ref bulkCommits) < 3)
            await Task.Delay(10);

        await using var small = (SqliteConnection)await database.OpenAsync();
        var before = Volatile.Read(ref bulkCommits);
        Execute(small, "INSERT INTO rows VALUES ('small')");
        var after = Volatile.Read(ref bulkCommits);
        await stop.CancelAsync();
        await bulk;

        // The transaction it found holding the lock, and at most one that began in the same instant.
        Assert.InRange(after - before, 0, 2);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
