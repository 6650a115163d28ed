namespace Vigil.Features.Metrics.Ingest;

/// <summary>The samples of one flush or one OTLP request, for one project, queued for the metric
/// writer. The writer sets <see cref="RejectedSamples"/> (new series over the project's cardinality
/// limit) before the batch is acknowledged, so an edge can report them.</summary>
public sealed class MetricWork(long projectId, IReadOnlyList<MetricSample> samples)
{
    public long ProjectId { get; } = projectId;
    public IReadOnlyList<MetricSample> Samples { get; } = samples;
    public int RejectedSamples { get; set; }
}
