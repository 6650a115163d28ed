using System.Text.Json.Nodes;
using Vigil.Protocols.Logs;
using static Vigil.Protocols.Tests.Logs.LogFixtures;

namespace Vigil.Protocols.Tests.Logs;

public sealed class SyslogParserTests
{
    private static LogRecord Parse(byte[] message, string? sender = "10.0.0.9")
    {
        var (record, error) = SyslogParser.Parse(message, ReceivedAt, sender);
        Assert.Null(error);
        return record!;
    }

    [Fact]
    public void Rfc5424FromLoggerMapsHeaderAndStructuredData()
    {
        var record = Parse(Read("logger-rfc5424-udp-sd.syslog"));
        Assert.Equal(LogLevel.Error, record.Level);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 0, 28, 11, TimeSpan.Zero).AddTicks(9625480), record.Timestamp);
        Assert.Equal("vm", record.Host);
        Assert.Equal("checkout", record.Service);
        Assert.Equal(10021, record.ProcessId);
        Assert.Equal("Payment failed for order 1234", record.Message);
        Assert.Equal("local0", record.Properties["facility"]!.GetValue<string>());
        Assert.Equal("ORDER", record.Properties["msgid"]!.GetValue<string>());
        Assert.Equal("""{"timeQuality":{"tzKnown":"1","isSynced":"0"},"order@32473":{"id":"1234","total":"99.50"}}""",
            record.Properties["structuredData"]!.ToJsonString());
    }

    [Fact]
    public void Rfc5424WithNilFieldsUsesSenderAndReceiveTime()
    {
        var record = Parse(Read("logger-rfc5424-minimal.syslog"));
        Assert.Equal(LogLevel.Fatal, record.Level);
        Assert.Equal(ReceivedAt, record.Timestamp);
        Assert.Equal("10.0.0.9", record.Host);
        Assert.Equal("root", record.Service);
        Assert.Null(record.ProcessId);
        Assert.Equal("minimal header", record.Message);
        // logger refuses the kern facility from user space and sends user.
        Assert.Equal("user", record.Properties["facility"]!.GetValue<string>());
    }

    [Fact]
    public void Rfc5424OverTcpWithOctetCountingOrTrailingNewlineParses()
    {
        Assert.Equal("octet counted", Parse(Read("logger-rfc5424-tcp-octet-counted.syslog")).Message);
        var record = Parse(Read("logger-rfc5424-tcp.syslog"));
        Assert.Equal("Invoice \"2024-17\" sent", record.Message);
        Assert.Equal(LogLevel.Information, record.Level);
        Assert.Equal("daemon", record.Properties["facility"]!.GetValue<string>());
    }

    [Fact]
    public void Rfc3164FromLoggerMapsTimestampHostTagAndPid()
    {
        var record = Parse(Read("logger-rfc3164-tcp-pid.syslog"));
        Assert.Equal(LogLevel.Debug, record.Level);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 0, 27, 59, TimeSpan.Zero), record.Timestamp);
        Assert.Equal("vm", record.Host);
        Assert.Equal("backup", record.Service);
        Assert.Equal(9720, record.ProcessId);
        Assert.Equal("Backup finished in 42s", record.Message);
        Assert.Equal("local3", record.Properties["facility"]!.GetValue<string>());
        var udp = Parse(Read("logger-rfc3164-udp.syslog"));
        Assert.Equal((LogLevel.Warning, "cron", "Disk almost full on /var"), (udp.Level, udp.Service, udp.Message));
    }

    [Fact]
    public void Rfc3164DateInTheFutureBelongsToLastYear()
    {
        var record = Parse(Utf8("<13>Dec 31 23:59:00 host app: late"));
        Assert.Equal(new DateTimeOffset(2025, 12, 31, 23, 59, 0, TimeSpan.Zero), record.Timestamp);
    }

    [Fact]
    public void MessageWithoutHeaderIsUserNoticeFromTheSender()
    {
        var record = Parse(Utf8("just text"));
        Assert.Equal(LogLevel.Information, record.Level);
        Assert.Equal("just text", record.Message);
        Assert.Equal("10.0.0.9", record.Host);
        Assert.Equal("user", record.Properties["facility"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("<999>1 - - - - - -", 0)]
    [InlineData("<34>1 2003-10-11T22:14:15.003Z mymachine", 40)]
    [InlineData("<34>1 yesterday host app - - - msg", 6)]
    [InlineData("<34>1 - host app - - [id a=\"1\" msg", 31)]
    [InlineData("", 0)]
    public void MalformedMessagesAreErrorsWithPositions(string message, long position)
    {
        var (record, error) = SyslogParser.Parse(Utf8(message), ReceivedAt, null);
        Assert.Null(record);
        Assert.Equal(position, error!.Position);
    }
}
