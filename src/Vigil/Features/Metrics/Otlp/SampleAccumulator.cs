using Vigil.Features.Metrics.Ingest;

namespace Vigil.Features.Metrics.Otlp;

/// <summary>Gathers one request's samples by series and 10-second bucket, merging points that
/// fall in the same bucket, so the writer gets one sample per series and bucket.</summary>
public sealed class SampleAccumulator
{
    public const long BucketMs = 10_000;

    private readonly Dictionary<(string Series, long Bucket), MetricSample> _samples = [];

    public int Count => _samples.Count;

    public static long BucketStart(long atMs) => atMs - ((atMs % BucketMs) + BucketMs) % BucketMs;

    /// <summary>False when the series already has a different kind in this request (one name sent
    /// as both a gauge and a counter): the second is rejected rather than silently replacing the first.</summary>
    public bool Add(string name, List<KeyValuePair<string, string>> tags, long atMs, MetricAggregate value, string? unit)
    {
        var key = (SeriesTags.Key(name, tags), BucketStart(atMs));
        if (_samples.TryGetValue(key, out var existing))
        {
            if (existing.Value.Kind != value.Kind)
                return false;
            existing.Value.Merge(value);
            return true;
        }
        _samples[key] = new MetricSample(name, tags, key.Item2, value, unit);
        return true;
    }

    public IReadOnlyList<MetricSample> ToList() => [.. _samples.Values];
}
