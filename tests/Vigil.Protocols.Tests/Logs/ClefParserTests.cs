using Vigil.Protocols.Logs;
using static Vigil.Protocols.Tests.Logs.LogFixtures;

namespace Vigil.Protocols.Tests.Logs;

public sealed class ClefParserTests
{
    [Fact]
    public void SerilogCompactFixtureMapsReifiedPropertiesExactly()
    {
        var result = ClefParser.Parse(Read("serilog-compact.clef"), ReceivedAt);
        Assert.Null(result.Fatal);
        Assert.Empty(result.Errors);
        var r = result.Records;
        Assert.Equal(5, r.Count);
        Assert.Equal("Hello, \"nblumhardt\"", r[0].Message);
        Assert.Equal("Hello, {User}", r[0].Template);
        Assert.Equal(LogLevel.Information, r[0].Level);
        Assert.Equal(new DateTimeOffset(2016, 6, 7, 3, 44, 57, TimeSpan.Zero).AddTicks(8532799), r[0].Timestamp);
        Assert.Equal("7a8b9c0d", r[1].EventName);
        Assert.Null(r[1].Template);
        Assert.Equal("Hello, { Name: \"nblumhardt\", Tags: [1, 2, 3] }, 0000007b at \"2016-06-07T13:44:57.8532799+10:00\"", r[2].Message);
        Assert.Equal(LogLevel.Warning, r[3].Level);
        Assert.Equal("Tags are [\"test\", \"orange\"]", r[3].Message);
        var failed = r[4];
        Assert.Equal(LogLevel.Error, failed.Level);
        Assert.StartsWith("System.DivideByZeroException", failed.Exception);
        Assert.Equal("5b8efff798038103d269b633813fc60c", failed.TraceId);
        Assert.Equal("eee19b7ec3c1b174", failed.SpanId);
        Assert.Equal("billing", failed.Service);
        Assert.Equal("web-02", failed.Host);
        Assert.Equal("0HN1:0001", failed.RequestId);
        Assert.Equal("""{"@timestamp":"user data"}""", failed.Properties.ToJsonString());
    }

    [Fact]
    public void LineWithoutTimestampIsThatLinesErrorAndNeighboursAreKept()
    {
        var result = ClefParser.Parse(Utf8("{\"@t\":\"2024-01-01T00:00:00Z\",\"@m\":\"a\"}\r\n{\"@m\":\"no time\"}\r\n\r\n{\"@t\":\"2024-01-01T00:00:01Z\",\"@m\":\"c\"}\r\n"), ReceivedAt);
        Assert.Equal(["a", "c"], result.Records.Select(r => r.Message));
        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Line);
        Assert.Contains("@t", error.Message);
    }

    [Fact]
    public void InvalidJsonAndInvalidUtf8LinesAreErrorsWithTheirLineNumbers()
    {
        byte[] body = [.. Utf8("{\"@t\":\"2024-01-01T00:00:00Z\"\n"), .. Utf8("{\"@t\":\"2024-01-01T00:00:00Z\",\"@m\":\""), 0xFF, .. Utf8("\"}\n{\"@t\":\"2024-01-01T00:00:00Z\",\"@m\":\"ok\"}")];
        var result = ClefParser.Parse(body, ReceivedAt);
        Assert.Equal([1, 2], result.Errors.Select(e => e.Line));
        Assert.Contains("UTF-8", result.Errors[1].Message);
        Assert.Equal("ok", Assert.Single(result.Records).Message);
    }

    [Fact]
    public void EmptyBodyIsAnEmptyBatch()
    {
        var result = ClefParser.Parse([], ReceivedAt);
        Assert.Empty(result.Records);
        Assert.Empty(result.Errors);
        Assert.Null(result.Fatal);
    }

    [Fact]
    public void SeqEventsJsonIsReadWithNestedProperties()
    {
        var result = ClefParser.ParseSeqJson(Utf8("""{"Events":[{"Timestamp":"2024-01-01T00:00:00Z","Level":"Error","MessageTemplate":"User {Id} failed","Properties":{"Id":7,"Environment":"prod"},"Exception":"boom"},{"Level":"Error"}]}"""), ReceivedAt);
        var record = Assert.Single(result.Records);
        Assert.Equal("User 7 failed", record.Message);
        Assert.Equal(LogLevel.Error, record.Level);
        Assert.Equal("prod", record.Environment);
        Assert.Equal("boom", record.Exception);
        Assert.Equal(1, Assert.Single(result.Errors).Line);
    }
}
