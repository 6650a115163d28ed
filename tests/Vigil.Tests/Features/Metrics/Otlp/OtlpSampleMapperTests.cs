using Vigil.Features.Metrics;
using Vigil.Features.Metrics.Ingest;
using Vigil.Features.Metrics.Otlp;
using Vigil.Protocols.Metrics;

namespace Vigil.Tests.Features.Metrics.Otlp;

public sealed class OtlpSampleMapperTests
{
    private static readonly DateTimeOffset ServerStart = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly ulong BeforeStart = Nanos(ServerStart.AddHours(-1));
    private static readonly ulong AfterStart = Nanos(ServerStart.AddSeconds(5));
    private static readonly OtlpMetricResource Resource = new(
        new Dictionary<string, string> { ["service.name"] = "shop", ["deployment.environment"] = "prod", ["host.name"] = "web-1", ["process.pid"] = "42" },
        "scope", null);

    private readonly OtlpSampleMapper _mapper = new(new CumulativeTracker(new FixedClock(ServerStart)));

    private static ulong Nanos(DateTimeOffset at) => (ulong)at.ToUnixTimeMilliseconds() * 1_000_000;

    private static ulong At(int seconds) => Nanos(ServerStart.AddSeconds(seconds));

    private static KeyValuePair<string, string>[] Attrs(params (string, string)[] pairs) => [.. pairs.Select(p => new KeyValuePair<string, string>(p.Item1, p.Item2))];

    private OtlpMappingResult Map(OtlpMetricType type, OtlpTemporality temporality, bool monotonic, params OtlpDataPoint[] points) =>
        _mapper.Map(1, new OtlpMetricsBatch([new OtlpMetric("m", null, "ms", type, temporality, monotonic, Resource, points)], [], 0, null), ServerStart.AddMinutes(1));

    private OtlpMappingResult Cumulative(ulong start, double value, int atSeconds = 20) =>
        Map(OtlpMetricType.Sum, OtlpTemporality.Cumulative, true, new OtlpNumberPoint([], start, At(atSeconds), value));

    [Fact]
    public void CumulativeCounterYieldsDeltasAfterABaselineAndALowerTotalIsAReset()
    {
        var first = Cumulative(BeforeStart, 100);
        Assert.Empty(first.Samples);
        Assert.Equal(1, first.Baselines);
        Assert.Equal(30, Assert.Single(Cumulative(BeforeStart, 130).Samples).Value.Sum);
        Assert.Equal(0, Assert.Single(Cumulative(BeforeStart, 130).Samples).Value.Sum);
        // The process restarted without a new start time: the lower total is all new.
        Assert.Equal(5, Assert.Single(Cumulative(BeforeStart, 5).Samples).Value.Sum);
        // A new start time is a reset too, even when the total is higher.
        Assert.Equal(50, Assert.Single(Cumulative(AfterStart, 50).Samples).Value.Sum);
        Assert.Equal(MetricKind.Counter, Assert.Single(Cumulative(AfterStart, 51).Samples).Value.Kind);
    }

    [Fact]
    public void CumulativeCounterThatStartedAfterTheServerCountsItsFirstTotal()
    {
        var sample = Assert.Single(Cumulative(AfterStart, 12).Samples);
        Assert.Equal((MetricKind.Counter, 12.0), (sample.Value.Kind, sample.Value.Sum));
    }

    [Fact]
    public void DeltaSumsAddAndANonMonotonicCumulativeSumIsAGauge()
    {
        var delta = Map(OtlpMetricType.Sum, OtlpTemporality.Delta, true,
            new OtlpNumberPoint([], 0, At(11), 3), new OtlpNumberPoint([], 0, At(12), 4));
        var counter = Assert.Single(delta.Samples);
        Assert.Equal((MetricKind.Counter, 7.0, 2.0), (counter.Value.Kind, counter.Value.Sum, counter.Value.Count));

        var upDown = Assert.Single(Map(OtlpMetricType.Sum, OtlpTemporality.Cumulative, false, new OtlpNumberPoint([], BeforeStart, At(11), -4)).Samples);
        Assert.Equal((MetricKind.Gauge, -4.0), (upDown.Value.Kind, upDown.Value.Last));

        var upDownDelta = Assert.Single(Map(OtlpMetricType.Sum, OtlpTemporality.Delta, false, new OtlpNumberPoint([], 0, At(11), -4)).Samples);
        Assert.Equal((MetricKind.Counter, -4.0), (upDownDelta.Value.Kind, upDownDelta.Value.Sum));
    }

    [Fact]
    public void TagsAreThePointsAttributesPlusServiceEnvAndHostAndTheBucketIsTheTenSecondsTheTimeFallsIn()
    {
        var sample = Assert.Single(Map(OtlpMetricType.Gauge, OtlpTemporality.Unspecified, false,
            new OtlpNumberPoint(Attrs(("route", "/pay"), ("host", "override")), 0, At(17) + 123, 1)).Samples);
        Assert.Equal(Attrs(("env", "prod"), ("host", "override"), ("route", "/pay"), ("service", "shop")), sample.Tags);
        Assert.Equal(ServerStart.AddSeconds(10).ToUnixTimeMilliseconds(), sample.BucketStartMs);
        Assert.Equal(("m", "ms"), (sample.Name, sample.Unit));
        Assert.Equal(ServerStart.AddSeconds(17).ToUnixTimeMilliseconds(), sample.Value.LastAtMs);
    }

    [Fact]
    public void HistogramBucketsFillTheSketchAtTheirMidpointsWithCountSumMinAndMaxFromThePoint()
    {
        // (−∞,10] (10,20] (20,50] (50,∞) with min 4 and max 40.
        var point = new OtlpHistogramPoint([], 0, At(11), 6, 120, 4, 40, [10, 20, 50], [1, 2, 3, 0]);
        var value = Assert.Single(Map(OtlpMetricType.Histogram, OtlpTemporality.Delta, false, point).Samples).Value;
        Assert.Equal((MetricKind.Distribution, 6.0, 120.0, 4.0, 40.0), (value.Kind, value.Count, value.Sum, value.Min, value.Max));
        var sketch = value.Sketch!;
        Assert.Equal(6, sketch.Count);
        Assert.Equal(7, sketch.Quantile(0), 7 * 0.01);   // (4 + 10) / 2
        Assert.Equal(15, sketch.Quantile(0.3), 15 * 0.01); // (10 + 20) / 2
        Assert.Equal(35, sketch.Quantile(1), 35 * 0.01);  // (20 + 50) / 2, inside max 40
    }

    [Fact]
    public void CumulativeHistogramsBecomeDeltaBucketsAndLeaveOutTheLifetimeMinAndMax()
    {
        Assert.Empty(Map(OtlpMetricType.Histogram, OtlpTemporality.Cumulative, false,
            new OtlpHistogramPoint([], BeforeStart, At(11), 2, 30, 5, 25, [10, 20], [1, 0, 1])).Samples);
        var value = Assert.Single(Map(OtlpMetricType.Histogram, OtlpTemporality.Cumulative, false,
            new OtlpHistogramPoint([], BeforeStart, At(21), 5, 75, 1, 25, [10, 20], [1, 3, 1])).Samples).Value;
        Assert.Equal((3.0, 45.0), (value.Count, value.Sum));
        Assert.Equal(15, value.Min, 15 * 0.01); // only (10,20] grew: its midpoint, not the lifetime min 1
        Assert.Equal(15, value.Max, 15 * 0.01);
    }

    [Fact]
    public void ExponentialBucketsAreAddedAtTheirMidpointsAndZerosAtZero()
    {
        // Scale 0: base 2. Positive index 1 is (2,4], index 2 is (4,8]; negative index 0 is −(1,2].
        var point = new OtlpExponentialHistogramPoint([], 0, At(11), 5, 10.5, null, null, 0, 1, 1, [2, 1], 0, [1]);
        var value = Assert.Single(Map(OtlpMetricType.ExponentialHistogram, OtlpTemporality.Delta, false, point).Samples).Value;
        Assert.Equal((5.0, 10.5), (value.Count, value.Sum));
        var sketch = value.Sketch!;
        Assert.Equal(-1.5, sketch.Quantile(0), 0.02);
        Assert.Equal(0, sketch.Quantile(0.25), 0.01);
        Assert.Equal(3, sketch.Quantile(0.5), 0.03);
        Assert.Equal(6, sketch.Quantile(1), 0.06);
        Assert.Equal((-1.5, 6.0), (Math.Round(value.Min, 1), Math.Round(value.Max, 1)));
    }

    [Fact]
    public void CumulativeExponentialHistogramSubtractsAcrossALoweredScale()
    {
        Assert.Empty(Map(OtlpMetricType.ExponentialHistogram, OtlpTemporality.Cumulative, false,
            new OtlpExponentialHistogramPoint([], BeforeStart, At(11), 2, null, null, null, 1, 0, 2, [1, 1], 0, [])).Samples);
        // Scale 1 indexes 2 and 3 merge into scale 0 index 1, which now holds 3: one new value there, one in index 3.
        var value = Assert.Single(Map(OtlpMetricType.ExponentialHistogram, OtlpTemporality.Cumulative, false,
            new OtlpExponentialHistogramPoint([], BeforeStart, At(21), 4, null, null, null, 0, 0, 1, [3, 0, 1], 0, [])).Samples).Value;
        Assert.Equal(2, value.Count);
        Assert.Equal(3, value.Sketch!.Quantile(0), 0.03);
        Assert.Equal(12, value.Sketch.Quantile(1), 0.12);
    }

    [Fact]
    public void SummaryBecomesAGaugePerQuantileAndCountAndSumCounters()
    {
        var point = new OtlpSummaryPoint(Attrs(("route", "/pay")), AfterStart, At(11), 10, 42.5, [(0.5, 3.5), (0.99, 9)]);
        var samples = Map(OtlpMetricType.Summary, OtlpTemporality.Unspecified, false, point).Samples;
        var quantiles = samples.Where(s => s.Name == "m").ToDictionary(s => s.Tags.Single(t => t.Key == "quantile").Value, s => s.Value);
        Assert.Equal(3.5, quantiles["0.5"].Last);
        Assert.Equal(9, quantiles["0.99"].Last);
        Assert.All(quantiles.Values, v => Assert.Equal(MetricKind.Gauge, v.Kind));
        Assert.Equal(10, samples.Single(s => s.Name == "m.count").Value.Sum);
        Assert.Equal(42.5, samples.Single(s => s.Name == "m.sum").Value.Sum);
        Assert.Equal(4, samples.Count);
    }

    [Fact]
    public void OneNameSentAsTwoKindsInOneRequestRejectsTheSecond()
    {
        var batch = new OtlpMetricsBatch(
        [
            new OtlpMetric("m", null, null, OtlpMetricType.Gauge, OtlpTemporality.Unspecified, false, Resource, [new OtlpNumberPoint([], 0, At(11), 1)]),
            new OtlpMetric("m", null, null, OtlpMetricType.Sum, OtlpTemporality.Delta, true, Resource, [new OtlpNumberPoint([], 0, At(12), 1)]),
        ], [], 0, null);
        var result = _mapper.Map(1, batch, ServerStart);
        Assert.Equal(MetricKind.Gauge, Assert.Single(result.Samples).Value.Kind);
        Assert.Equal(1, result.Rejected);
        Assert.Contains("two different types", result.FirstError);
    }

    /// <summary>Injected time (the server's start, which decides baselines).</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
