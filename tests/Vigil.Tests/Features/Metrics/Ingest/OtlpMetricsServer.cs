using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Features.Metrics.Ingest;
using Vigil.Features.Metrics.Storage;
using Vigil.Infrastructure.Ingest;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Metrics.Ingest;

/// <summary>
/// The real server, whose metric writer is wrapped to also remember each sample it was handed:
/// the store merges samples of one bucket into one point, and these tests check the samples the
/// OTLP edge made (a delta per export, a reset), so they read them through <see cref="StoredSamplesAsync"/>.
/// </summary>
public sealed class OtlpMetricsServer : VigilServerFixture
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IBatchSink<MetricWork>>(provider => new RecordingMetricSink(ActivatorUtilities.CreateInstance<MetricWriter>(provider)));

    /// <summary>Every sample of series <paramref name="name"/> that the writer committed so far.</summary>
    public Task<IReadOnlyList<MetricSample>> StoredSamplesAsync(string name) =>
        Task.FromResult<IReadOnlyList<MetricSample>>(((RecordingMetricSink)Service<IBatchSink<MetricWork>>()).Samples.Where(s => s.Name == name).ToList());

    /// <summary>The real writer, noting each sample of a batch once the batch committed.</summary>
    private sealed class RecordingMetricSink(IBatchSink<MetricWork> writer) : IBatchSink<MetricWork>
    {
        private readonly ConcurrentQueue<MetricSample> _samples = new();

        public IEnumerable<MetricSample> Samples => _samples;

        public async Task WriteAsync(IReadOnlyList<MetricWork> batch, CancellationToken cancellationToken)
        {
            await writer.WriteAsync(batch, cancellationToken);
            foreach (var work in batch)
            {
                foreach (var sample in work.Samples)
                    _samples.Enqueue(sample);
            }
        }
    }
}
