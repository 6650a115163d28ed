using System.Text;
using Vigil.Features.Logs.Blocks;
using Vigil.Protocols;
using Vigil.Protocols.Logs;

namespace Vigil.Tests.Features.Logs.Blocks;

/// <summary>
/// OTLP protobuf is encoded in one pass, plain records straight from their bytes (views) and the
/// others through <see cref="LogRecord"/>. Both must store exactly what the general path stores:
/// each request below is encoded both ways and compared line by line, word by word.
/// </summary>
public sealed class OtlpEncodingTests
{
    private static readonly DateTimeOffset ReceivedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_763_800_000_000);
    private const ulong Nanos = 1_763_799_000_123_456_789UL;

    private static byte[] Trace => Convert.FromHexString("0AF7651916CD43DD8448EB211C80319C");
    private static byte[] Span => Convert.FromHexString("B7AD6B7169203331");

    public static TheoryData<string, byte[], bool> Records() => new()
    {
        { "a typical exporter record", Record(body: "GET /api/orders answered 200 in 12.5 ms", template: "{Method} {Path} answered {Status} in {Elapsed} ms",
            attributes: [Str("Method", "GET"), Str("Path", "/api/orders"), Int("Status", 200), Dbl("Elapsed", 12.5), Bool("Cached", true)], trace: Trace, span: Span), true },
        { "text that needs escaping", Record(body: "quote \" backslash \\ tab \t newline \n control \u0001 <b>&'+ é ü 🚀 Σ",
            attributes: [Str("Ünïcödé key", "naïve \"value\" \u007f \u2028"), Str("empty", ""), Str("", "no key")]), true },
        { "numbers of every shape", Record(body: "numbers", attributes: [Dbl("a", 0.1), Dbl("b", 1e21), Dbl("c", -0.0), Dbl("d", 5e-7), Dbl("e", 3.0),
            Dbl("f", double.MaxValue), Int("g", long.MinValue), Int("h", -1), Bool("i", false)]), true },
        { "well-known attributes promoted", Record(body: "promoted", attributes: [Str("RequestId", "req-42"), Str("TraceId", "0AF7651916CD43DD8448EB211C80319C"),
            Str("service.name", "checkout"), Str("service", "second service stays"), Str("host.name", ""), Str("span_id", "not hex"), Str("env", "staging")]), true },
        { "a trace id field wins over the attribute", Record(body: "ids", attributes: [Str("TraceId", "1af7651916cd43dd8448eb211c80319c")], trace: Trace), true },
        { "an all-zero trace id is no trace", Record(body: "zero", trace: new byte[16], span: new byte[3]), true },
        { "no body and no template", Record(body: null), true },
        { "only the observed time", Record(body: "observed", time: 0), true },
        { "no time at all", Record(body: "received", time: 0, observed: 0), true },
        { "an event name", Record(body: "named", eventName: "order.paid"), true },
        { "a template that must be rendered", Record(body: null, template: "Order {OrderId} paid", attributes: [Str("OrderId", "ord-7")]), false },
        { "a body that is its own template", Record(body: "Order {OrderId} paid", attributes: [Str("OrderId", "ord-7")]), false },
        { "an exception", Record(body: "failed", attributes: [Str("exception.type", "System.InvalidOperationException"), Str("exception.message", "boom")]), false },
        { "a nested attribute", Record(body: "nested", attributes: [Raw("http", KvList(Str("method", "POST")))]), false },
        { "a repeated key", Record(body: "repeated", attributes: [Str("a", "1"), Str("a", "2")]), false },
        { "a severity given only as text", Record(body: "text level", severity: 0, severityText: "warn"), false },
        { "a process id attribute", Record(body: "pid", attributes: [Int("process.pid", 4242)]), false },
        { "a numeric request id", Record(body: "numeric request", attributes: [Int("RequestId", 42)]), false },
        { "invalid UTF-8 in a value", Record(body: "bad bytes", attributes: [Raw("bad", Field(1, [0x66, 0xFF, 0x6F]))]), false },
        { "a structured body", Record(bodyValue: KvList(Str("k", "v"))), false },
        { "a NaN", Record(body: "nan", attributes: [Dbl("x", double.NaN)]), false },
        { "an attribute named scope", Record(body: "scope clash", attributes: [Str("scope", "mine")]), false },
    };

    [Theory]
    [MemberData(nameof(Records))]
    public void ARecordIsStoredAsTheGeneralPathStoresIt(string what, byte[] record, bool plain)
    {
        // Once with a resource attribute left over (a "resource" property in every line), once without.
        AssertSameAsGeneralPath(Request([record], resource: [Str("service.name", "shop"), Str("telemetry.sdk.name", "opentelemetry")], scope: "Shop.Web"));
        var request = Request([record, Record(body: "a plain neighbour")], resource: [Str("service.name", "shop"), Str("host.name", "web-1")], scope: "Shop.Web");
        AssertSameAsGeneralPath(request);
        var sink = new Kinds();
        Assert.Null(OtlpLogsDecoder.DecodeProtobuf(request, ReceivedAt, sink));
        Assert.Equal(plain ? ["view", "view"] : ["record", "view"], sink.Seen);
        _ = what;
    }

    [Fact]
    public void TheDotnetExportersCapturedRequestIsStoredAsTheGeneralPathStoresIt() =>
        AssertSameAsGeneralPath(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Features", "Logs", "Ingest", "Fixtures", "otel-dotnet-logs.pb")));

    [Fact]
    public void ABrokenRecordIsAnErrorBothWaysAndItsNeighboursAreKept()
    {
        var broken = Field(1, [0x01]); // time_unix_nano with a length-delimited wire type
        var request = Request([Record(body: "before"), broken, Record(body: "after")]);
        AssertSameAsGeneralPath(request);
        using var encoded = EncodedLogs.EncodeOtlp(request, ReceivedAt, out _)!;
        Assert.Equal(2, encoded.Count);
        Assert.Equal(1, Assert.Single(encoded.Errors).Line);
    }

    [Fact]
    public void ARequestThatIsNotProtobufIsFatal()
    {
        Assert.Null(EncodedLogs.EncodeOtlp("{\"resourceLogs\":[]}"u8, ReceivedAt, out var fatal));
        Assert.NotNull(fatal);
    }

    private static void AssertSameAsGeneralPath(byte[] request)
    {
        var general = OtlpLogsDecoder.DecodeProtobuf(request, ReceivedAt);
        Assert.Null(general.Fatal);
        using var expected = EncodedLogs.Encode(general.Records);
        using var actual = EncodedLogs.EncodeOtlp(request, ReceivedAt, out var fatal)!;
        Assert.Null(fatal);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(Encoding.UTF8.GetString(expected.Line(i)), Encoding.UTF8.GetString(actual.Line(i)));
            Assert.Equal(expected.Words(i).ToArray(), actual.Words(i).ToArray());
            Assert.Equal(expected.Timestamp(i), actual.Timestamp(i));
            Assert.Equal(expected.Level(i), actual.Level(i));
        }
        Assert.Equal(expected.Minutes, actual.Minutes);
        Assert.Equal(expected.Templates, actual.Templates);
        Assert.Equal(general.Errors, actual.Errors);
    }

    private sealed class Kinds : IOtlpLogSink
    {
        public List<string> Seen { get; } = [];

        public void Add(LogRecord record) => Seen.Add("record");

        public void Add(in OtlpLogView record) => Seen.Add("view");

        public void Fail(LogLineError error) => Seen.Add("error");
    }

    // Protobuf by hand, field numbers from opentelemetry-proto logs.proto and common.proto.

    private static byte[] Request(byte[][] records, byte[][]? resource = null, string? scope = null)
    {
        var scopeLogs = new List<byte>();
        if (scope is not null)
            scopeLogs.AddRange(Field(1, Field(1, Encoding.UTF8.GetBytes(scope))));
        foreach (var record in records)
            scopeLogs.AddRange(Field(2, record));
        var resourceLogs = new List<byte>();
        if (resource is not null)
            resourceLogs.AddRange(Field(1, [.. resource.SelectMany(a => Field(1, a))]));
        resourceLogs.AddRange(Field(2, [.. scopeLogs]));
        return Field(1, [.. resourceLogs]);
    }

    private static byte[] Record(string? body = "message", string? template = null, byte[][]? attributes = null, byte[]? trace = null, byte[]? span = null,
        ulong time = Nanos, ulong observed = Nanos + 5, int severity = 9, string? severityText = "Information", string? eventName = null, byte[]? bodyValue = null)
    {
        var bytes = new List<byte>();
        if (time != 0)
            bytes.AddRange(Fixed64(1, time));
        if (severity != 0)
            bytes.AddRange(Varint(2, (ulong)severity));
        if (severityText is not null)
            bytes.AddRange(Field(3, Encoding.UTF8.GetBytes(severityText)));
        if (bodyValue is not null)
            bytes.AddRange(Field(5, bodyValue));
        else if (body is not null)
            bytes.AddRange(Field(5, Field(1, Encoding.UTF8.GetBytes(body))));
        if (template is not null)
            bytes.AddRange(Field(6, Str("{OriginalFormat}", template)));
        foreach (var attribute in attributes ?? [])
            bytes.AddRange(Field(6, attribute));
        if (trace is not null)
            bytes.AddRange(Field(9, trace));
        if (span is not null)
            bytes.AddRange(Field(10, span));
        if (observed != 0)
            bytes.AddRange(Fixed64(11, observed));
        if (eventName is not null)
            bytes.AddRange(Field(12, Encoding.UTF8.GetBytes(eventName)));
        return [.. bytes];
    }

    private static byte[] Str(string key, string value) => Raw(key, Field(1, Encoding.UTF8.GetBytes(value)));

    private static byte[] Int(string key, long value) => Raw(key, Varint(3, (ulong)value));

    private static byte[] Bool(string key, bool value) => Raw(key, Varint(2, value ? 1UL : 0UL));

    private static byte[] Dbl(string key, double value) => Raw(key, Fixed64(4, BitConverter.DoubleToUInt64Bits(value)));

    /// <summary>A KeyValue whose AnyValue is <paramref name="anyValue"/>.</summary>
    private static byte[] Raw(string key, byte[] anyValue) => [.. Field(1, Encoding.UTF8.GetBytes(key)), .. Field(2, anyValue)];

    /// <summary>An AnyValue holding a KeyValueList of <paramref name="pairs"/>.</summary>
    private static byte[] KvList(params byte[][] pairs) => Field(6, [.. pairs.SelectMany(p => Field(1, p))]);

    private static byte[] Field(int field, byte[] payload) => [.. VarintBytes((ulong)(field << 3 | 2)), .. VarintBytes((ulong)payload.Length), .. payload];

    private static byte[] Varint(int field, ulong value) => [.. VarintBytes((ulong)(field << 3)), .. VarintBytes(value)];

    private static byte[] Fixed64(int field, ulong value) => [.. VarintBytes((ulong)(field << 3 | 1)), .. BitConverter.GetBytes(value)];

    private static byte[] VarintBytes(ulong value)
    {
        var bytes = new List<byte>();
        for (; value >= 0x80; value >>= 7)
            bytes.Add((byte)(value | 0x80));
        bytes.Add((byte)value);
        return [.. bytes];
    }
}
