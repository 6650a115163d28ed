using System.Text.Json.Nodes;
using Dapper;
using Vigil.Features.Logs.Ingest;
using Vigil.Infrastructure.Ingest;
using Vigil.Infrastructure.Storage;
using Vigil.Protocols.Logs;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Logs.Storage;

/// <summary>How a batch lands in the SQLite full-text index: as one segment, not one per event.</summary>
public sealed class LogWriterTests(VigilServerFixture server) : IClassFixture<VigilServerFixture>
{
    [Fact]
    public async Task ABatchOfAThousandEventsAddsOneFullTextSegmentAndEveryEventIsFound()
    {
        var database = server.Service<Database>();
        if (database.Engine != StorageEngine.Sqlite)
            return; // PostgreSQL keeps its words in a tsvector column of the event row.
        var (project, _) = await server.CreateProjectAsync("One segment");
        var start = DateTimeOffset.UtcNow.AddMinutes(-20);
        var records = Enumerable.Range(0, 1000).Select(i => new LogRecord
        {
            Timestamp = start.AddMilliseconds(i),
            Message = $"order ord-{i} paid",
            Properties = new JsonObject { ["unique"] = $"u{i}x{i * 7919}" },
        }).ToList();
        var before = await SegmentsAsync(database);

        await server.Service<IBatchSink<LogWork>>().WriteAsync([new LogWork(project.Id, records)], CancellationToken.None);

        // Written between the event rows, each event's words were flushed as a segment of their own
        // (FTS5 flushes at every statement savepoint): about ten segments even after automerge.
        Assert.Equal(before + 1, await SegmentsAsync(database));
        var found = await LogsClient.QueryAsync(server.Api, "u500x3959500", project.Slug);
        Assert.Equal("order ord-500 paid", Assert.Single(found["events"]!.AsArray())!["message"]!.GetValue<string>());
    }

    /// <summary>The segment count from FTS5's structure record (rowid 10 of log_text_data): a 4-byte
    /// cookie, an optional 4-byte version marker, then varints for the levels and the segments.</summary>
    private static async Task<int> SegmentsAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        var block = await connection.ExecuteScalarAsync<byte[]?>("SELECT block FROM log_text_data WHERE id = 10");
        if (block is null || block.Length < 6)
            return 0;
        var i = block[4] == 0xFF && block[5] == 0x00 ? 8 : 4;
        _ = ReadVarint(block, ref i); // levels
        return ReadVarint(block, ref i);
    }

    private static int ReadVarint(byte[] bytes, ref int i)
    {
        var value = 0;
        while (true)
        {
            var b = bytes[i++];
            value = (value << 7) | (b & 0x7F);
            if ((b & 0x80) == 0)
                return value;
        }
    }
}
