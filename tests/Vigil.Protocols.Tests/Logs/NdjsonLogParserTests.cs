using Vigil.Protocols.Logs;
using static Vigil.Protocols.Tests.Logs.LogFixtures;

namespace Vigil.Protocols.Tests.Logs;

public sealed class NdjsonLogParserTests
{
    [Fact]
    public void PinoLineMapsNumericLevelMillisecondsAndErrorObject()
    {
        var line = """{"level":50,"time":1700000000123,"pid":77,"hostname":"api-1","msg":"request failed","err":{"type":"Error","message":"boom","stack":"Error: boom\n    at x.js:1"},"reqId":"r1"}""";
        var record = Assert.Single(NdjsonLogParser.Parse(Utf8(line), ReceivedAt).Records);
        Assert.Equal(LogLevel.Error, record.Level);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000123), record.Timestamp);
        Assert.Equal("request failed", record.Message);
        Assert.Equal(77, record.ProcessId);
        Assert.Equal("api-1", record.Host);
        Assert.Equal("Error: boom\n    at x.js:1", record.Exception);
        Assert.Equal("""{"reqId":"r1"}""", record.Properties.ToJsonString());
    }

    [Theory]
    [InlineData("""{"ts":1700000000.5}""", 1700000000500)]
    [InlineData("""{"timestamp":"2023-11-14T22:13:20.5Z"}""", 1700000000500)]
    [InlineData("""{"@timestamp":"2023-11-14T23:13:20.5+01:00"}""", 1700000000500)]
    [InlineData("""{"t":1700000000500000000}""", 1700000000500)]
    public void TimestampIsReadFromTextOrEpochOfAnyUnit(string line, long expectedMillis)
    {
        var record = Assert.Single(NdjsonLogParser.Parse(Utf8(line), ReceivedAt).Records);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expectedMillis), record.Timestamp);
    }

    [Fact]
    public void MissingTimestampIsTheReceiveTimeAndUnknownKeysStayProperties()
    {
        var record = Assert.Single(NdjsonLogParser.Parse(Utf8("""{"severity":"WARN","message":"hi","user":{"id":1}}"""), ReceivedAt).Records);
        Assert.Equal(ReceivedAt, record.Timestamp);
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Equal("""{"user":{"id":1}}""", record.Properties.ToJsonString());
    }

    [Fact]
    public void NonObjectLineIsThatLinesError()
    {
        var result = NdjsonLogParser.Parse(Utf8("[1,2]\n{\"msg\":\"ok\"}\n"), ReceivedAt);
        Assert.Equal(1, Assert.Single(result.Errors).Line);
        Assert.Equal("ok", Assert.Single(result.Records).Message);
    }
}
