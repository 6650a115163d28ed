using System.Text;
using Vigil.Protocols.Metrics;
using static Vigil.Protocols.Tests.Metrics.ProtoBytes;

namespace Vigil.Protocols.Tests.Metrics;

public sealed class OtlpMetricsDecoderTests
{
    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Metrics", "Fixtures", name));

    private static OtlpMetric Single(OtlpMetricsBatch batch, string name) => Assert.Single(batch.Metrics, m => m.Name == name);

    [Fact]
    public void DotnetExporterPayloadDecodesEveryInstrumentWithResourceScopeAndAttributes()
    {
        var batch = OtlpMetricsDecoder.DecodeProtobuf(Fixture("otel-dotnet-metrics-cumulative.pb"));
        Assert.Null(batch.Fatal);
        Assert.Empty(batch.Errors);

        var orders = Single(batch, "shop.orders");
        Assert.Equal((OtlpMetricType.Sum, OtlpTemporality.Cumulative, true), (orders.Type, orders.Temporality, orders.IsMonotonic));
        Assert.Equal("{order}", orders.Unit);
        Assert.Equal("Orders placed", orders.Description);
        Assert.Equal("checkout-api", orders.Resource.Attributes["service.name"]);
        Assert.Equal("web-1", orders.Resource.Attributes["host.name"]);
        Assert.Equal(("Shop.Checkout", "1.2.0"), (orders.Resource.ScopeName, orders.Resource.ScopeVersion));
        var byRegion = orders.Points.Cast<OtlpNumberPoint>().ToDictionary(p => Assert.Single(p.Attributes).Value, p => p.Value);
        Assert.Equal(new Dictionary<string, double> { ["eu"] = 3, ["us"] = 2 }, byRegion);
        Assert.All(orders.Points, p => Assert.True(p.StartTimeUnixNano > 0 && p.TimeUnixNano >= p.StartTimeUnixNano));

        var carts = Single(batch, "shop.carts.open");
        Assert.Equal((OtlpMetricType.Sum, false), (carts.Type, carts.IsMonotonic));
        Assert.Equal(3, Assert.IsType<OtlpNumberPoint>(Assert.Single(carts.Points)).Value);

        var duration = Assert.IsType<OtlpHistogramPoint>(Assert.Single(Single(batch, "shop.checkout.duration").Points));
        Assert.Equal(5ul, duration.Count);
        Assert.Equal((1075.0, 3.0, 900.0), (duration.Sum, duration.Min, duration.Max));
        Assert.Equal(duration.Bounds.Count + 1, duration.BucketCounts.Count);
        Assert.Equal(5ul, duration.BucketCounts.Aggregate(0ul, (a, b) => a + b));
        Assert.Equal([0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000], duration.Bounds);

        var queue = Single(batch, "shop.queue.length");
        Assert.Equal(OtlpMetricType.Gauge, queue.Type);
        var gauge = Assert.IsType<OtlpNumberPoint>(Assert.Single(queue.Points));
        Assert.Equal((7.0, "payments"), (gauge.Value, Assert.Single(gauge.Attributes).Value));
    }

    [Fact]
    public void JsonDecodesEveryPointTypeInEitherSpellingOfIntegersEnumsAndKeys()
    {
        var batch = OtlpMetricsDecoder.DecodeJson(Fixture("otlp-metrics.json"));
        Assert.Null(batch.Fatal);
        Assert.Empty(batch.Errors);
        Assert.Equal(1, batch.NoRecordedValue);

        var invoices = Single(batch, "billing.invoices");
        Assert.Equal((OtlpTemporality.Delta, true, "{invoice}"), (invoices.Temporality, invoices.IsMonotonic, invoices.Unit));
        Assert.Equal([12.0, 4.0], invoices.Points.Cast<OtlpNumberPoint>().Select(p => p.Value));
        Assert.Equal(1795300000000000000ul, invoices.Points[1].StartTimeUnixNano);
        Assert.Contains(new KeyValuePair<string, string>("retry", "false"), invoices.Points[0].Attributes);
        Assert.Equal("billing", invoices.Resource.Attributes["service.name"]);
        Assert.Equal(("billing.lib", "2.0.0"), (invoices.Resource.ScopeName, invoices.Resource.ScopeVersion));

        var balance = Single(batch, "billing.balance");
        Assert.Equal((OtlpTemporality.Cumulative, false), (balance.Temporality, balance.IsMonotonic));
        Assert.Equal(-12.5, Assert.IsType<OtlpNumberPoint>(Assert.Single(balance.Points)).Value);

        Assert.Equal(3.5, Assert.IsType<OtlpNumberPoint>(Assert.Single(Single(batch, "billing.queue").Points)).Value);

        var latency = Assert.IsType<OtlpHistogramPoint>(Assert.Single(Single(batch, "billing.latency").Points));
        Assert.Equal((6ul, 160.0, 2.0, 90.0), (latency.Count, latency.Sum, latency.Min, latency.Max));
        Assert.Equal([1ul, 2, 2, 1], latency.BucketCounts);
        Assert.Equal([5.0, 25, 50], latency.Bounds);

        var size = Assert.IsType<OtlpExponentialHistogramPoint>(Assert.Single(Single(batch, "billing.size").Points));
        Assert.Equal((0, 1ul, 1, 0), (size.Scale, size.ZeroCount, size.PositiveOffset, size.NegativeOffset));
        Assert.Equal([2ul, 1], size.PositiveCounts);
        Assert.Equal([1ul], size.NegativeCounts);

        var rpc = Assert.IsType<OtlpSummaryPoint>(Assert.Single(Single(batch, "billing.rpc").Points));
        Assert.Equal((10ul, 42.5), (rpc.Count, rpc.Sum));
        Assert.Equal([(0.5, 3.5), (0.99, 9.0)], rpc.Quantiles);
    }

    [Fact]
    public void BadJsonPointIsReportedWithItsPathAndItsNeighboursAreKept()
    {
        var body = """
            {"resourceMetrics":[{"scopeMetrics":[{"metrics":[
              {"name":"h","histogram":{"aggregationTemporality":1,"dataPoints":[
                {"count":"3","bucketCounts":["1","2"],"explicitBounds":[1]},
                {"count":"3","bucketCounts":["1","2"],"explicitBounds":[1,2]},
                {"count":"x"}]}},
              {"name":"g","gauge":{"dataPoints":[{"asDouble":1},{"asDouble":"NaN"},{}]}}]}]}]}
            """;
        var batch = OtlpMetricsDecoder.DecodeJson(Encoding.UTF8.GetBytes(body));
        Assert.Single(Single(batch, "h").Points);
        Assert.Single(Single(batch, "g").Points);
        Assert.Equal(
            [
                "resourceMetrics[0].scopeMetrics[0].metrics[0] (h).histogram.dataPoints[1]: 2 bucketCounts for 2 explicitBounds (expected 3)",
                "resourceMetrics[0].scopeMetrics[0].metrics[0] (h).histogram.dataPoints[2]: count must be an unsigned integer (a decimal string or a number)",
                "resourceMetrics[0].scopeMetrics[0].metrics[1] (g).gauge.dataPoints[1]: the value must be a finite number",
                "resourceMetrics[0].scopeMetrics[0].metrics[1] (g).gauge.dataPoints[2]: the point has neither asDouble nor asInt",
            ],
            batch.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void SumWithoutTemporalityAndNegativeMonotonicSumAreRejected()
    {
        var body = """
            {"resourceMetrics":[{"scopeMetrics":[{"metrics":[
              {"name":"a","sum":{"isMonotonic":true,"dataPoints":[{"asInt":"1"}]}},
              {"name":"b","sum":{"aggregationTemporality":1,"isMonotonic":true,"dataPoints":[{"asInt":"-1"},{"asInt":"2"}]}}]}]}]}
            """;
        var batch = OtlpMetricsDecoder.DecodeJson(Encoding.UTF8.GetBytes(body));
        Assert.Equal(["aggregationTemporality must be DELTA (1) or CUMULATIVE (2)", "a monotonic sum cannot be negative (-1)"], batch.Errors.Select(e => e.Message));
        Assert.Equal(2, Assert.IsType<OtlpNumberPoint>(Assert.Single(Single(batch, "b").Points)).Value);
    }

    [Fact]
    public void BrokenProtobufPointIsAnErrorWithItsOffsetAndTheGoodPointsAreKept()
    {
        var good = Len(1, Message(Double(4, 2.5), Fixed64(3, 1_000_000_000)));
        var wrongWire = Len(1, Message(VarintField(4, 7)));           // as_double sent as a varint
        var truncated = Len(1, [0x21, 0x00, 0x00]);                   // fixed64 field with 2 of 8 bytes
        var noValue = Len(1, Message(Double(4, 9), VarintField(8, 1))); // flags: no recorded value
        var gauge = Message(Text(1, "temperature"), Len(5, Message(good, wrongWire, truncated, noValue, good)));
        var batch = OtlpMetricsDecoder.DecodeProtobuf(Request(gauge));
        Assert.Null(batch.Fatal);
        Assert.Equal([2.5, 2.5], Single(batch, "temperature").Points.Cast<OtlpNumberPoint>().Select(p => p.Value));
        Assert.Equal(1, batch.NoRecordedValue);
        Assert.Equal(2, batch.Errors.Count);
        Assert.StartsWith("resourceMetrics[0].scopeMetrics[0].metrics[0] (temperature).gauge.dataPoints[1]: field 4 has wire type 0, expected 1", batch.Errors[0].ToString());
        Assert.Equal("truncated fixed64", batch.Errors[1].Message);
        Assert.True(batch.Errors[1].Position > batch.Errors[0].Position);
    }

    [Fact]
    public void ProtobufExponentialHistogramReadsZigZagScaleAndPackedBuckets()
    {
        var buckets = Message(VarintField(1, 3), Len(2, [.. Varint(4), .. Varint(0), .. Varint(2)])); // offset -2, counts 4 0 2
        var point = Message(Fixed64(4, 7), Double(5, 1.5), VarintField(6, 3), Fixed64(7, 1), Len(8, buckets));   // scale -2
        var metric = Message(Text(1, "sizes"), Len(10, Message(Len(1, point), VarintField(2, 2))));
        var decoded = Assert.IsType<OtlpExponentialHistogramPoint>(Assert.Single(Single(OtlpMetricsDecoder.DecodeProtobuf(Request(metric)), "sizes").Points));
        Assert.Equal((-2, -2, 1ul, 7ul), (decoded.Scale, decoded.PositiveOffset, decoded.ZeroCount, decoded.Count));
        Assert.Equal([4ul, 0, 2], decoded.PositiveCounts);
    }

    [Fact]
    public void UndecodableBodiesAreFatalWithAPosition()
    {
        var protobuf = OtlpMetricsDecoder.DecodeProtobuf([0x0A, 0x10, 0x01]);
        Assert.NotNull(protobuf.Fatal);
        Assert.Contains("runs past the end", protobuf.Fatal!.ToString());
        var json = OtlpMetricsDecoder.DecodeJson("{\"resourceMetrics\": ["u8);
        Assert.NotNull(json.Fatal);
        Assert.NotNull(OtlpMetricsDecoder.DecodeJson("{\"resourceMetrics\": 3}"u8).Fatal);
    }

    [Fact]
    public void EmptyRequestIsValidAndHoldsNothing()
    {
        Assert.Empty(OtlpMetricsDecoder.DecodeProtobuf([]).Metrics);
        Assert.Empty(OtlpMetricsDecoder.DecodeJson("{}"u8).Metrics);
    }

    [Fact]
    public void ResponsesCarryRejectedDataPointsInBothEncodings()
    {
        Assert.Empty(OtlpMetricsResponses.PartialSuccessProtobuf(0, null));
        Assert.Equal("{}", Encoding.UTF8.GetString(OtlpMetricsResponses.PartialSuccessJson(0, null)));
        Assert.Equal("""{"partialSuccess":{"rejectedDataPoints":"2","errorMessage":"bad"}}""", Encoding.UTF8.GetString(OtlpMetricsResponses.PartialSuccessJson(2, "bad")));
        Assert.Equal(Len(1, Message(VarintField(1, 2), Text(2, "bad"))), OtlpMetricsResponses.PartialSuccessProtobuf(2, "bad"));
        Assert.Equal(Message(VarintField(1, 3), Text(2, "no")), OtlpMetricsResponses.InvalidProtobuf("no"));
    }
}
