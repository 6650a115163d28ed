using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Features.Metrics.Ingest;
using Vigil.Infrastructure.Ingest;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Metrics.Ingest;

/// <summary>
/// The real server with a stand-in for the metric store, which is built on another branch: a sink
/// that records what the batch writer hands it, registered the way LogsModule registers its own.
/// Tests read what reached storage only through <see cref="StoredSamplesAsync"/> — the one helper
/// to switch to the real store's query API when it lands.
/// </summary>
public sealed class OtlpMetricsServer : VigilServerFixture
{
    private readonly RecordingMetricSink _sink = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IBatchSink<MetricWork>>(_sink);
        services.AddHostedService(provider => ActivatorUtilities.CreateInstance<BatchWriter<MetricWork>>(provider, 100));
    }

    /// <summary>Every stored sample of series <paramref name="name"/> so far.</summary>
    public Task<IReadOnlyList<MetricSample>> StoredSamplesAsync(string name) =>
        Task.FromResult<IReadOnlyList<MetricSample>>(_sink.Samples.Where(s => s.Name == name).ToList());

    /// <summary>The stand-in store: keeps every sample of every committed batch.</summary>
    private sealed class RecordingMetricSink : IBatchSink<MetricWork>
    {
        private readonly ConcurrentQueue<MetricSample> _samples = new();

        public IEnumerable<MetricSample> Samples => _samples;

        public Task WriteAsync(IReadOnlyList<MetricWork> batch, CancellationToken cancellationToken)
        {
            foreach (var work in batch)
            {
                foreach (var sample in work.Samples)
                    _samples.Enqueue(sample);
            }
            return Task.CompletedTask;
        }
    }
}
