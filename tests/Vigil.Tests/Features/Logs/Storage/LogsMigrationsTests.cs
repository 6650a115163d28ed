using Dapper;
using Vigil.Features.Logs.Blocks;
using Vigil.Features.Logs.Query;
using Vigil.Features.Logs.Storage;
using Vigil.Infrastructure.Storage;
using Vigil.Protocols.LogQuery;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Logs.Storage;

/// <summary>Upgrading a store that kept a row per event: migration 2 turns every row into a block, losing nothing.</summary>
public sealed class LogsMigrationsTests
{
    /// <summary>Only the logs capability's first migration: the schema an older Vigil left.</summary>
    private sealed class FirstOnly : IMigrationSet
    {
        public string Capability => "logs";
        public IReadOnlyList<Migration> Migrations { get; } = [new LogsMigrations().Migrations[0]];
    }

    [Fact]
    public async Task EventsStoredAsRowsAreFoundAfterTheUpgradeWithEveryField()
    {
        var settings = await TestStorage.SettingsAsync(TestStorage.NewTempDir());
        try
        {
            await using var database = new Database(Database.ParseEngine(settings["Storage"]!), settings.GetValueOrDefault("Connection"), settings["Data"]!);
            await new MigrationRunner(database, [new FirstOnly()]).ApplyAsync();
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await using (var connection = await database.OpenAsync())
            {
                var properties = """{"StatusCode":503,"http":{"method":"POST"}}""";
                var body = "payment failed gateway timeout 503 POST";
                var sql = database.Engine == StorageEngine.Postgres
                    ? "INSERT INTO log_events (project_id, timestamp, level, message, template_hash, service, host, pid, trace_id, span_id, request_id, environment, exception, properties, size, search) " +
                      "VALUES (7, @t, 4, 'payment failed', 42, 'checkout', 'web-1', 99, 'abc123', 'def4', 'req-9', 'prod', 'TimeoutException: gateway timeout', CAST(@properties AS jsonb), 10, to_tsvector('simple', @body))"
                    : "INSERT INTO log_events (project_id, timestamp, level, message, template_hash, service, host, pid, trace_id, span_id, request_id, environment, exception, properties, size) " +
                      "VALUES (7, @t, 4, 'payment failed', 42, 'checkout', 'web-1', 99, 'abc123', 'def4', 'req-9', 'prod', 'TimeoutException: gateway timeout', @properties, 10)";
                await connection.ExecuteAsync(sql, new { t = now - 1000, properties, body });
                await connection.ExecuteAsync(sql.Replace("'payment failed'", "'all good'").Replace(", 4,", ", 2,"), new { t = now - 500, properties = "{}", body = "all good" });
            }

            await new MigrationRunner(database, [new LogsMigrations()]).ApplyAsync();

            var store = new LogStore(database, new LogTemplates());
            var range = new TimeRange(now - 60_000, now + 1);
            var page = await store.SearchAsync(7, QueryParser.Parse("gateway and StatusCode = 503 and http.method = 'post'").Query!, range, 10, null);
            var found = Assert.Single(page.Events);
            Assert.Equal(("payment failed", "error", "checkout", "web-1", 99), (found.Message, found.Level, found.Service, found.Host, found.Pid));
            Assert.Equal(("abc123", "def4", "req-9", "prod"), (found.TraceId, found.SpanId, found.RequestId, found.Environment));
            Assert.Equal("TimeoutException: gateway timeout", found.Exception);
            Assert.Equal(now - 1000, found.Timestamp.ToUnixTimeMilliseconds());
            Assert.Equal(2, (await store.SearchAsync(7, QueryParser.Parse("").Query!, range, 10, null)).Events.Count);
            await using var check = await database.OpenAsync();
            Assert.Equal(2L, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM log_blocks WHERE project_id = 7"));
        }
        finally
        {
            await TestStorage.CleanUpAsync(settings);
        }
    }

    [Fact]
    public async Task OnPostgreSqlABlocksDataIsCompressedWithLz4()
    {
        var settings = await TestStorage.SettingsAsync(TestStorage.NewTempDir());
        try
        {
            await using var database = new Database(Database.ParseEngine(settings["Storage"]!), settings.GetValueOrDefault("Connection"), settings["Data"]!);
            await new MigrationRunner(database, [new LogsMigrations()]).ApplyAsync();
            await using var connection = await database.OpenAsync();
            Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations WHERE capability = 'logs' AND version = 3"));
            if (database.Engine != StorageEngine.Postgres)
                return; // SQLite stores lines as they are
            // Large and repetitive, as a block of log lines is: PostgreSQL compresses it when it stores it.
            var data = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("""{"t":1,"l":2,"m":"GET /api/orders answered 200"}""" + "\n", 2000)));
            await connection.ExecuteAsync("INSERT INTO log_blocks (project_id, min_ts, max_ts, count, levels, filter, data) VALUES (7, 1, 2, 2000, 4, NULL, @data)", new { data });
            Assert.Equal("lz4", await connection.ExecuteScalarAsync<string>("SELECT pg_column_compression(data) FROM log_blocks WHERE project_id = 7"));
        }
        finally
        {
            await TestStorage.CleanUpAsync(settings);
        }
    }
}
