using System.Text;
using Vigil.Features.Metrics.Storage;
using Vigil.Protocols.StatsD;

namespace Vigil.Features.Metrics.Ingest;

/// <summary>
/// One receive socket's share of the aggregates: its own series table and lock, so receive threads
/// never wait on each other; the lock is only shared with the flush that drains it. A line for a
/// known series is looked up by its raw type, name and tag bytes and costs no allocation; only a
/// new series builds strings.
/// </summary>
public sealed class StatsdShard
{
    private const byte TagsMark = 0xFF; // never a byte of UTF-8, so name and tags cannot run together

    private readonly StatsdAggregator _owner;
    private readonly Dictionary<byte[], StatsdSeries> _series = new(ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], StatsdSeries>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly Lock _gate = new();
    private byte[] _key = new byte[1024];

    public StatsdShard(StatsdAggregator owner)
    {
        _owner = owner;
        _lookup = _series.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public int SeriesCount
    {
        get
        {
            lock (_gate)
                return _series.Count;
        }
    }

    /// <summary>Aggregates every line of a datagram (or a run of complete TCP lines); a malformed line
    /// is counted and skipped, its neighbours kept.</summary>
    public void AddPacket(ReadOnlySpan<byte> packet, long nowMs)
    {
        int accepted = 0, invalid = 0, overflow = 0;
        var bucket = MetricResolution.Raw.BucketOf(nowMs);
        lock (_gate)
        {
            while (!packet.IsEmpty)
            {
                var text = StatsdLineParser.NextLine(ref packet);
                switch (StatsdLineParser.Parse(text, out var line, out _))
                {
                    case StatsdLineStatus.Metric:
                        if (Add(ref line, bucket, nowMs))
                            accepted++;
                        else
                            overflow++;
                        break;
                    case StatsdLineStatus.Invalid:
                        invalid++;
                        break;
                }
            }
        }
        _owner.Count(accepted, invalid, overflow);
    }

    /// <summary>Moves everything aggregated since the last drain into <paramref name="drained"/>, by project slug;
    /// forgets series idle for an hour.</summary>
    public void Drain(Dictionary<string, List<MetricSample>> drained, long nowMs)
    {
        lock (_gate)
        {
            List<byte[]>? idle = null;
            foreach (var (key, series) in _series)
            {
                if (!series.IsEmpty)
                {
                    if (!drained.TryGetValue(series.ProjectSlug, out var samples))
                        drained[series.ProjectSlug] = samples = [];
                    series.Drain(samples);
                }
                else if (series.LastUsedMs < nowMs - 3_600_000)
                    (idle ??= []).Add(key);
            }
            foreach (var key in idle ?? [])
            {
                if (_series.Remove(key, out var series) && series.Gauge is not null)
                    _owner.ReleaseGauge(key);
            }
            _owner.Forget(idle?.Count ?? 0);
        }
    }

    /// <summary>This shard's gauges with lines held for their stored level.</summary>
    public List<StatsdSeries> Unseeded()
    {
        lock (_gate)
            return [.. _series.Values.Where(s => s.PendingGauges is not null)];
    }

    /// <summary>Starts <paramref name="series"/>' gauge from <paramref name="last"/> (its stored level, 0 when none)
    /// unless a plain value set it meanwhile, then applies the lines held for it in order.</summary>
    public void Seed(StatsdSeries series, double last)
    {
        lock (_gate)
        {
            if (series.PendingGauges is not { } pending || series.Gauge is not { } gauge)
                return;
            gauge.Seed(last);
            series.PendingGauges = null;
            foreach (var line in pending)
                series.For(line.Bucket).SetGauge(gauge.Apply(line.Value, line.IsDelta), line.AtMs);
        }
    }

    private bool Add(ref StatsdLine line, long bucket, long nowMs)
    {
        var length = 1 + line.Name.Length + 1 + line.Tags.Length;
        if (length > _key.Length)
            _key = new byte[Math.Max(length, _key.Length * 2)];
        var key = _key.AsSpan(0, length);
        key[0] = (byte)line.Type;
        line.Name.CopyTo(key[1..]);
        key[1 + line.Name.Length] = TagsMark;
        line.Tags.CopyTo(key[(2 + line.Name.Length)..]);
        if (!_lookup.TryGetValue(key, out var series))
        {
            if (!_owner.TryReserveSeries())
                return false;
            var stored = key.ToArray();
            series = _owner.Create(ref line);
            if (line.Type == StatsdType.Gauge)
                series.Gauge = _owner.HoldGauge(stored);
            _series[stored] = series;
        }
        series.LastUsedMs = nowMs;
        var atMs = nowMs;
        if (line.TimestampSeconds is { } seconds)
        {
            atMs = seconds * 1000;
            bucket = MetricResolution.Raw.BucketOf(atMs);
        }
        var aggregate = series.For(bucket);
        var rate = line.SampleRate;
        switch (line.Type)
        {
            case StatsdType.Counter:
                aggregate.AddCount(line.FirstValue / rate, 1 / rate);
                break;
            case StatsdType.Gauge:
                if (series.PendingGauges is not null || (line.IsDelta && !series.Gauge!.Known))
                    (series.PendingGauges ??= []).Add(new PendingGauge(line.FirstValue, line.IsDelta, bucket, atMs));
                else
                    aggregate.SetGauge(series.Gauge!.Apply(line.FirstValue, line.IsDelta), atMs);
                break;
            case StatsdType.Set:
                aggregate.AddMember(Encoding.UTF8.GetString(line.Values));
                break;
            default:
                var values = line.Values;
                while (StatsdLineParser.NextValue(ref values, out var value))
                    aggregate.AddObservation(value, 1 / rate);
                break;
        }
        return true;
    }
}
