using System.Text;
using Vigil.Infrastructure.Observability;
using Vigil.Protocols.StatsD;

namespace Vigil.Features.Metrics.Ingest;

/// <summary>
/// Folds StatsD lines into per-series, per-10-second aggregates in memory, as Etsy's statsd does:
/// counters add value ÷ sample rate, gauges keep the last value (+N/−N move it), timers, histograms
/// and distributions feed a DDSketch, sets a HyperLogLog. Each UDP receive socket aggregates into
/// its own <see cref="StatsdShard"/> (TCP shares shard 0); a drain merges the shards, and the
/// writer adds up samples of the same series and bucket. A sender's socket always reaches the same
/// shard (the kernel hashes the flow), so its gauge deltas apply in order.
/// Every parsed line is counted accepted when it arrives (vigil_ingest_accepted_total{stream="statsd"}).
/// </summary>
public sealed class StatsdAggregator
{
    public const string Stream = "statsd";

    private readonly StatsdShard[] _shards;
    private readonly VigilMetrics _metrics;
    private readonly MetricsOptions _settings;
    private readonly Dictionary<byte[], StatsdGauge> _gauges = new(ByteKeyComparer.Instance);
    private int _seriesHeld;
    private volatile IReadOnlySet<string> _slugs = new HashSet<string>();

    public StatsdAggregator(MetricsOptions settings, VigilMetrics metrics)
    {
        _settings = settings;
        _metrics = metrics;
        _shards = new StatsdShard[settings.StatsdReceiveThreads()];
        for (var i = 0; i < _shards.Length; i++)
            _shards[i] = new StatsdShard(this);
    }

    /// <summary>One per UDP receive socket (Metrics:StatsdReceivers).</summary>
    public IReadOnlyList<StatsdShard> Shards => _shards;

    /// <summary>The project slugs that exist, for reading a name's prefix as a project (Metrics:StatsdPrefixProjects).</summary>
    public void KnowProjects(IReadOnlySet<string> slugs) => _slugs = slugs;

    public int SeriesCount => _shards.Sum(shard => shard.SeriesCount);

    /// <summary>Aggregates into the first shard (TCP lines, and tests).</summary>
    public void AddPacket(ReadOnlySpan<byte> packet, long nowMs) => _shards[0].AddPacket(packet, nowMs);

    /// <summary>Everything aggregated since the last drain, by project slug. Series idle for an hour are forgotten.</summary>
    public Dictionary<string, List<MetricSample>> Drain(long nowMs)
    {
        var drained = new Dictionary<string, List<MetricSample>>();
        foreach (var shard in _shards)
            shard.Drain(drained, nowMs);
        return drained;
    }

    internal void Count(int accepted, int invalid, int overflow)
    {
        if (accepted > 0)
            _metrics.Accepted.Add(Stream, amount: accepted);
        if (invalid > 0)
            _metrics.Rejected.Add(Stream, "invalid", invalid);
        if (overflow > 0)
            _metrics.Rejected.Add(Stream, "cardinality", overflow);
    }

    /// <summary>Metrics:StatsdMaxSeries bounds the series held by all shards together.</summary>
    internal bool TryReserveSeries()
    {
        if (Interlocked.Increment(ref _seriesHeld) <= _settings.StatsdMaxSeries)
            return true;
        Interlocked.Decrement(ref _seriesHeld);
        return false;
    }

    /// <summary>Gauges whose first line after start (or after an idle hour) was a delta: the flush reads
    /// their last stored value and hands it to <see cref="StatsdShard.Seed"/> before draining.</summary>
    public List<(StatsdShard Shard, StatsdSeries Series)> Unseeded() =>
        [.. _shards.SelectMany(shard => shard.Unseeded().Select(series => (shard, series)))];

    /// <summary>The gauge of a series a shard starts to hold (new series only, so a lock is cheap here).</summary>
    internal StatsdGauge HoldGauge(byte[] key)
    {
        lock (_gauges)
        {
            if (!_gauges.TryGetValue(key, out var gauge))
                _gauges[key] = gauge = new StatsdGauge();
            gauge.Holders++;
            return gauge;
        }
    }

    internal void ReleaseGauge(byte[] key)
    {
        lock (_gauges)
        {
            if (_gauges.TryGetValue(key, out var gauge) && --gauge.Holders == 0)
                _gauges.Remove(key);
        }
    }

    internal void Forget(int series) => Interlocked.Add(ref _seriesHeld, -series);

    /// <summary>A new series: its project comes from a vigil_project (or project) tag, which is then
    /// dropped from its tags, else from a "slug." name prefix when that is on and the project exists,
    /// else Metrics:StatsdProject.</summary>
    internal StatsdSeries Create(ref StatsdLine line)
    {
        var name = Encoding.UTF8.GetString(line.Name);
        var tags = new List<KeyValuePair<string, string>>();
        var walk = line.Tags;
        while (StatsdLineParser.NextTag(ref walk, out var key, out var value))
            tags.Add(new(Encoding.UTF8.GetString(key), Encoding.UTF8.GetString(value)));
        string? slug = null;
        var chosen = tags.FindIndex(t => t.Key == "vigil_project");
        if (chosen < 0)
            chosen = tags.FindIndex(t => t.Key == "project");
        if (chosen >= 0)
        {
            slug = tags[chosen].Value;
            tags.RemoveAt(chosen);
        }
        else if (_settings.StatsdPrefixProjects && name.IndexOf('.') is > 0 and var dot && dot < name.Length - 1 && _slugs.Contains(name[..dot]))
        {
            slug = name[..dot];
            name = name[(dot + 1)..];
        }
        var kind = line.Type switch
        {
            StatsdType.Counter => MetricKind.Counter,
            StatsdType.Gauge => MetricKind.Gauge,
            StatsdType.Set => MetricKind.Set,
            _ => MetricKind.Distribution,
        };
        return new StatsdSeries(slug ?? _settings.StatsdProject, name, tags, kind, line.Type == StatsdType.Timer ? "ms" : null);
    }
}
