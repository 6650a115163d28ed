using Vigil.Features.Metrics.Ingest;

namespace Vigil.Features.Metrics.Otlp;

/// <summary>What one request's points became: samples to store, points rejected while mapping
/// (with the first reason), and cumulative baselines that yielded nothing yet.</summary>
public sealed record OtlpMappingResult(IReadOnlyList<MetricSample> Samples, int Rejected, string? FirstError, int Baselines);
