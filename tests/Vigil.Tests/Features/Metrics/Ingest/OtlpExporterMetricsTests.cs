using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Vigil.Features.Metrics;
using Vigil.Features.Metrics.Ingest;

namespace Vigil.Tests.Features.Metrics.Ingest;

/// <summary>The OpenTelemetry .NET metrics exporter (NuGet, OTLP/HTTP protobuf) sending to
/// /v1/metrics; what it sent is read from the stand-in metric store.</summary>
public sealed class OtlpExporterMetricsTests(OtlpMetricsServer server) : IClassFixture<OtlpMetricsServer>
{
    private MeterProvider Provider(string meter, MetricReaderTemporalityPreference temporality) => Sdk.CreateMeterProviderBuilder()
        .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("otel-shop"))
        .AddMeter(meter)
        .AddOtlpExporter((exporter, reader) =>
        {
            exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
            exporter.Endpoint = new Uri(server.BaseUrl + "/v1/metrics");
            exporter.Headers = "X-Vigil-Key=" + server.DefaultKey.PublicKey;
            reader.TemporalityPreference = temporality;
            reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 600_000; // only explicit flushes
        })
        .Build();

    private async Task<double> CounterTotalAsync(string name) =>
        (await server.StoredSamplesAsync(name)).Where(s => s.Tags.Contains(new("region", "eu"))).Sum(s => s.Value.Sum);

    [Theory]
    [InlineData(MetricReaderTemporalityPreference.Delta)]
    [InlineData(MetricReaderTemporalityPreference.Cumulative)]
    public async Task EveryInstrumentArrivesWithItsKindTagsAndCounterDeltasAcrossExports(MetricReaderTemporalityPreference temporality)
    {
        var prefix = $"t{Guid.NewGuid():N}"[..9];
        using var meter = new Meter(prefix);
        var orders = meter.CreateCounter<long>(prefix + ".orders");
        var carts = meter.CreateUpDownCounter<int>(prefix + ".carts");
        var latency = meter.CreateHistogram<double>(prefix + ".latency", "ms");
        meter.CreateObservableGauge(prefix + ".queue", () => new Measurement<long>(7, new KeyValuePair<string, object?>("queue", "payments")));
        var eu = new KeyValuePair<string, object?>("region", "eu");

        using (var provider = Provider(prefix, temporality))
        {
            orders.Add(3, eu);
            carts.Add(5);
            foreach (var value in new[] { 3.0, 12.0, 40.0, 120.0 })
                latency.Record(value, new KeyValuePair<string, object?>("route", "/pay"));
            Assert.True(provider.ForceFlush());
            Assert.Equal(3, await CounterTotalAsync(prefix + ".orders"));

            orders.Add(4, eu);
            carts.Add(-2);
            Assert.True(provider.ForceFlush());
            Assert.Equal(7, await CounterTotalAsync(prefix + ".orders"));
        }

        // Through the store and the query API, as a chart or an alert rule reads it.
        var total = await server.GetJsonAsync($"/api/metrics/query?project=default&name={prefix}.orders&agg=sum&since=1h&step=1h&groupBy=region");
        var series = Assert.Single(total["series"]!.AsArray())!;
        Assert.Equal("eu", series["group"]!["region"]!.GetValue<string>());
        Assert.Equal(7, series["points"]!.AsArray().Sum(p => p![1]?.GetValue<double>() ?? 0));

        var counter = (await server.StoredSamplesAsync(prefix + ".orders")).First();
        Assert.Equal(MetricKind.Counter, counter.Value.Kind);
        Assert.Equal([new("region", "eu"), new("service", "otel-shop")], counter.Tags);

        var cart = (await server.StoredSamplesAsync(prefix + ".carts")).OrderBy(s => s.Value.LastAtMs).Last();
        Assert.Equal((MetricKind.Gauge, 3.0), (cart.Value.Kind, cart.Value.Last));

        var histograms = await server.StoredSamplesAsync(prefix + ".latency");
        Assert.All(histograms, h => Assert.Equal(MetricKind.Distribution, h.Value.Kind));
        Assert.Equal(4, histograms.Sum(h => h.Value.Count)); // the second export added nothing new
        var first = histograms.First(h => h.Value.Count == 4).Value;
        Assert.Equal((175.0, 3.0, 120.0, "ms"), (first.Sum, first.Min, first.Max, histograms[0].Unit));
        Assert.Contains(new("route", "/pay"), histograms[0].Tags);

        var queue = (await server.StoredSamplesAsync(prefix + ".queue")).First();
        Assert.Equal((MetricKind.Gauge, 7.0), (queue.Value.Kind, queue.Value.Last));
        Assert.Contains(new("queue", "payments"), queue.Tags);
    }

    [Fact]
    public async Task ARestartedCumulativeExporterCountsItsNewTotalAsTheDelta()
    {
        var prefix = $"r{Guid.NewGuid():N}"[..9];
        using var meter = new Meter(prefix);
        var orders = meter.CreateCounter<long>(prefix + ".orders");
        var eu = new KeyValuePair<string, object?>("region", "eu");
        using (var provider = Provider(prefix, MetricReaderTemporalityPreference.Cumulative))
        {
            orders.Add(10, eu);
            Assert.True(provider.ForceFlush());
        }
        Assert.Equal(10, await CounterTotalAsync(prefix + ".orders"));

        // A new provider is a restarted process: a new start time and a total that begins again at 0.
        using (var provider = Provider(prefix, MetricReaderTemporalityPreference.Cumulative))
        {
            orders.Add(2, eu);
            Assert.True(provider.ForceFlush());
        }
        Assert.Equal(12, await CounterTotalAsync(prefix + ".orders"));
    }
}
