using System.Text.Json.Nodes;
using Vigil.Protocols.Logs;
using static Vigil.Protocols.Tests.Logs.LogFixtures;

namespace Vigil.Protocols.Tests.Logs;

public sealed class OtlpLogsDecoderTests
{
    private static IReadOnlyList<LogRecord> DotnetRecords()
    {
        var result = OtlpLogsDecoder.DecodeProtobuf(Read("otel-dotnet-logs.pb"), ReceivedAt);
        Assert.Null(result.Fatal);
        Assert.Empty(result.Errors);
        Assert.Equal(6, result.Records.Count);
        return result.Records;
    }

    [Fact]
    public void DotnetExporterRecordTakesTemplateFromOriginalFormatAndResourceFromServiceName()
    {
        var record = DotnetRecords()[0];
        Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks(1795307291624406300 / 100), record.Timestamp);
        Assert.Equal(LogLevel.Information, record.Level);
        Assert.Equal("Order 1234 placed by c-77 for 99.5", record.Message);
        Assert.Equal("Order {OrderId} placed by {CustomerId} for {Total}", record.Template);
        Assert.Equal(LogTemplateHash.Compute(record.Template!), record.TemplateHash);
        Assert.Equal("checkout", record.Service);
        Assert.Equal("web-01", record.Host);
        Assert.Equal("staging", record.Environment);
        Assert.Equal(1234, record.Properties["OrderId"]!.GetValue<long>());
        Assert.Equal("c-77", record.Properties["CustomerId"]!.GetValue<string>());
        Assert.False(record.Properties.ContainsKey("{OriginalFormat}"));
        Assert.Equal("Shop.Checkout", record.Properties["scope"]!.GetValue<string>());
        var resource = Assert.IsType<JsonObject>(record.Properties["resource"]);
        Assert.Equal("1.4.2", resource["service.version"]!.GetValue<string>());
        Assert.Equal("dotnet", resource["telemetry.sdk.language"]!.GetValue<string>());
        Assert.False(resource.ContainsKey("service.name"));
        Assert.Null(record.TraceId);
    }

    [Fact]
    public void DotnetExporterRecordInsideAScopeAndActivityCarriesTraceAndRequestId()
    {
        var record = DotnetRecords()[1];
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Equal("Payment retry 2 of 3", record.Message);
        Assert.Equal("081ee080c043d34bb660cbe160ce37d5", record.TraceId);
        Assert.Matches("^[0-9a-f]{16}$", record.SpanId);
        Assert.Equal("req-42", record.RequestId);
        Assert.Equal("acme", record.Properties["Tenant"]!.GetValue<string>());
        Assert.False(record.Properties.ContainsKey("RequestId"));
    }

    [Fact]
    public void DotnetExporterExceptionAttributesBecomeTheExceptionAndEventNameIsKept()
    {
        var record = DotnetRecords()[2];
        Assert.Equal(LogLevel.Error, record.Level);
        Assert.Equal("Payment for order 1234 failed", record.Message);
        Assert.Equal("PaymentFailed", record.EventName);
        Assert.StartsWith("System.InvalidOperationException: Card declined\n   at Program", record.Exception);
        Assert.False(record.Properties.ContainsKey("exception.type"));
        Assert.False(record.Properties.ContainsKey("exception.stacktrace"));
    }

    [Fact]
    public void DotnetExporterLevelsAndArrayAttributesMapAsSent()
    {
        var records = DotnetRecords();
        Assert.Equal([LogLevel.Information, LogLevel.Warning, LogLevel.Error, LogLevel.Debug, LogLevel.Fatal, LogLevel.Trace],
            records.Select(r => r.Level));
        Assert.Equal("Tags a, b", records[5].Message);
        Assert.Equal("""["a","b"]""", records[5].Properties["Tags"]!.ToJsonString());
    }

    [Fact]
    public void JsonFixtureMapsSpecExampleFieldsExactly()
    {
        var result = OtlpLogsDecoder.DecodeJson(Read("otlp-logs.json"), ReceivedAt);
        Assert.Null(result.Fatal);
        Assert.Empty(result.Errors);
        Assert.Equal(3, result.Records.Count);
        var first = result.Records[0];
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1544712660300), first.Timestamp);
        Assert.Equal(LogLevel.Information, first.Level);
        Assert.Equal("Example log record", first.Message);
        Assert.Null(first.Template);
        Assert.Equal("my.service", first.Service);
        Assert.Equal("production", first.Environment);
        Assert.Equal(4242, first.ProcessId);
        Assert.Equal("5b8efff798038103d269b633813fc60c", first.TraceId);
        Assert.Equal("eee19b7ec3c1b174", first.SpanId);
        Assert.Equal("my.library", first.Properties["scope"]!.GetValue<string>());
        Assert.Equal(
            """{"string.attribute":"some string","boolean.attribute":true,"int.attribute":10,"double.attribute":637.704,"array.attribute":["many","values"],"map.attribute":{"some.map.key":"some value"},"resource":{"service.version":"2.0.1"},"scope":"my.library"}""",
            first.Properties.ToJsonString());
    }

    [Fact]
    public void JsonRecordWithoutTimeUsesObservedTimeAndKeepsAStructuredBody()
    {
        var record = OtlpLogsDecoder.DecodeJson(Read("otlp-logs.json"), ReceivedAt).Records[1];
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1544712661), record.Timestamp);
        Assert.Equal(LogLevel.Error, record.Level);
        Assert.Equal("order.failed", record.EventName);
        Assert.Equal("""{"order":17}""", record.Message);
        Assert.Equal("""{"order":17}""", record.Properties["body"]!.ToJsonString());
        Assert.Equal("TimeoutError: upstream took 30s", record.Exception);
    }

    [Fact]
    public void JsonBodyWithPlaceholdersFilledByAttributesBecomesTheTemplate()
    {
        var record = OtlpLogsDecoder.DecodeJson(Read("otlp-logs.json"), ReceivedAt).Records[2];
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Equal("Disk {disk} at {percent}%", record.Template);
        Assert.Equal("Disk /dev/sda1 at 93%", record.Message);
    }

    [Fact]
    public void RecordWithNoTimesGetsTheReceiveTime()
    {
        var result = OtlpLogsDecoder.DecodeJson(Utf8("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"stringValue":"x"}}]}]}]}"""), ReceivedAt);
        Assert.Equal(ReceivedAt, Assert.Single(result.Records).Timestamp);
    }

    [Fact]
    public void BytesThatAreNotProtobufAreFatalWithAPosition()
    {
        var result = OtlpLogsDecoder.DecodeProtobuf(Utf8("{\"resourceLogs\":[]}"), ReceivedAt);
        Assert.NotNull(result.Fatal);
        Assert.True(result.Fatal!.Position >= 0);
        Assert.Empty(result.Records);
    }

    [Fact]
    public void TruncatedVarintIsFatal()
    {
        var result = OtlpLogsDecoder.DecodeProtobuf([0x0A, 0xFF, 0xFF], ReceivedAt);
        Assert.Contains("truncated varint", result.Fatal!.Message);
        Assert.Equal(1, result.Fatal.Position);
    }

    [Fact]
    public void TruncatedBodyIsFatalAndNothingIsReturned()
    {
        var body = Read("otel-dotnet-logs.pb");
        var result = OtlpLogsDecoder.DecodeProtobuf(body.AsSpan(0, body.Length - 30), ReceivedAt);
        Assert.NotNull(result.Fatal);
        Assert.Empty(result.Records);
    }

    [Fact]
    public void BrokenRecordInsideAnIntactScopeIsThatRecordsErrorOnly()
    {
        // ResourceLogs{ ScopeLogs{ LogRecord{ body: "ok" }, LogRecord{ 0x0A 0x05 "ab" (length past end) } } }
        byte[] good = [0x2A, 0x04, 0x0A, 0x02, (byte)'o', (byte)'k'];
        byte[] bad = [0x2A, 0x05, 0x0A, 0x02, (byte)'a', (byte)'b', 0x00];
        byte[] scope = [0x12, (byte)good.Length, .. good, 0x12, (byte)bad.Length, .. bad];
        byte[] resource = [0x12, (byte)scope.Length, .. scope];
        byte[] request = [0x0A, (byte)resource.Length, .. resource];
        var result = OtlpLogsDecoder.DecodeProtobuf(request, ReceivedAt);
        Assert.Null(result.Fatal);
        Assert.Equal("ok", Assert.Single(result.Records).Message);
        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Line);
    }

    /// <summary>Keys are handed out from a small table of recent ones; thousands of distinct keys (so
    /// slots are shared), repeats, non-ASCII and long keys must all come back exactly as sent.</summary>
    [Fact]
    public void EveryAttributeKeyComesBackAsSentAcrossManyDistinctAndRepeatedKeys()
    {
        var sent = Enumerable.Range(0, 600).Select(r => Enumerable.Range(0, 10)
            .Select(a => (r * 10 + a) % 3000 is var n && n % 97 == 0 ? $"clé.{n}" : n % 89 == 0 ? new string('k', 70) + n : $"k{n}")
            .Distinct().ToList()).ToList();
        sent = [.. sent, .. sent]; // every key twice
        var records = sent.Select(keys => Field(2 << 3 | 2, [.. keys.SelectMany(key => Field(6 << 3 | 2, [.. Field(1 << 3 | 2, Utf8(key)), .. Field(2 << 3 | 2, Field(1 << 3 | 2, Utf8("v")))]))]));
        byte[] request = Field(1 << 3 | 2, Field(2 << 3 | 2, [.. records.SelectMany(r => r)]));

        var result = OtlpLogsDecoder.DecodeProtobuf(request, ReceivedAt);

        Assert.Null(result.Fatal);
        Assert.Equal(sent.Count, result.Records.Count);
        for (var i = 0; i < sent.Count; i++)
            Assert.Equal(sent[i], result.Records[i].Properties.Select(p => p.Key));
    }

    /// <summary>A length-delimited protobuf field: tag, varint length, payload.</summary>
    private static byte[] Field(int tag, byte[] payload)
    {
        var bytes = new List<byte> { (byte)tag };
        for (var length = (uint)payload.Length; ; length >>= 7)
        {
            if (length < 0x80)
            {
                bytes.Add((byte)length);
                break;
            }
            bytes.Add((byte)(length | 0x80));
        }
        return [.. bytes, .. payload];
    }

    [Fact]
    public void InvalidJsonIsFatal()
    {
        var result = OtlpLogsDecoder.DecodeJson(Utf8("""{"resourceLogs": ["""), ReceivedAt);
        Assert.NotNull(result.Fatal);
    }

    [Fact]
    public void JsonRecordWithAnUnreadableTimeIsThatRecordsError()
    {
        var result = OtlpLogsDecoder.DecodeJson(Utf8("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":"soon"},{"body":{"stringValue":"kept"}}]}]}]}"""), ReceivedAt);
        Assert.Equal(0, Assert.Single(result.Errors).Line);
        Assert.Equal("kept", Assert.Single(result.Records).Message);
    }
}
