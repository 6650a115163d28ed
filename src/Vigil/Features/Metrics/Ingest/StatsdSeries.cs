namespace Vigil.Features.Metrics.Ingest;

/// <summary>What the StatsD aggregator keeps per series between flushes: where it goes (project,
/// name, tags, resolved once when the series is first seen), the gauge's last value (so +N/-N
/// deltas apply across flushes, shards and restarts, as in Etsy's statsd: see <see cref="StatsdShard.Seed"/>) and the aggregates of the buckets not yet flushed.</summary>
/// <summary>A gauge line held until the level it moves from is read from the store.</summary>
public readonly record struct PendingGauge(double Value, bool IsDelta, long Bucket, long AtMs);

public sealed class StatsdSeries(string projectSlug, string name, IReadOnlyList<KeyValuePair<string, string>> tags, MetricKind kind, string? unit)
{
    private long _bucket = long.MinValue;
    private MetricAggregate? _current;
    private List<(long Bucket, MetricAggregate Value)>? _others;

    public string ProjectSlug { get; } = projectSlug;
    public string Name { get; } = name;
    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; } = tags;
    public MetricKind Kind { get; } = kind;
    public string? Unit { get; } = unit;
    /// <summary>Shared by every shard that holds this series (gauges only).</summary>
    public StatsdGauge? Gauge { get; set; }
    /// <summary>Gauge lines held until the level they move from is read from the store.</summary>
    public List<PendingGauge>? PendingGauges { get; set; }
    public long LastUsedMs { get; set; }

    /// <summary>The aggregate of <paramref name="bucket"/>; the current bucket is one field away, others
    /// (the previous window before a flush, DogStatsD |T timestamps) sit in a short list.</summary>
    public MetricAggregate For(long bucket)
    {
        if (_current is not null && _bucket == bucket)
            return _current;
        if (_current is null)
        {
            _bucket = bucket;
            return _current = new MetricAggregate(Kind);
        }
        _others ??= [];
        foreach (var (other, value) in _others)
        {
            if (other == bucket)
                return value;
        }
        if (bucket > _bucket)
        {
            // The window moved on: the new bucket becomes the current one.
            _others.Add((_bucket, _current));
            _bucket = bucket;
            return _current = new MetricAggregate(Kind);
        }
        var older = new MetricAggregate(Kind);
        _others.Add((bucket, older));
        return older;
    }

    /// <summary>Hands over everything gathered since the last flush and starts empty.</summary>
    public void Drain(List<MetricSample> into)
    {
        if (_current is not null)
            into.Add(new MetricSample(Name, Tags, _bucket, _current, Unit));
        if (_others is not null)
        {
            foreach (var (bucket, value) in _others)
                into.Add(new MetricSample(Name, Tags, bucket, value, Unit));
            _others = null;
        }
        _current = null;
        _bucket = long.MinValue;
    }

    public bool IsEmpty => _current is null && _others is null;
}
