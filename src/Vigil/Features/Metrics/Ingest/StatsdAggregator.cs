using System.Text;
using Vigil.Features.Metrics.Storage;
using Vigil.Infrastructure.Observability;
using Vigil.Protocols.StatsD;

namespace Vigil.Features.Metrics.Ingest;

/// <summary>
/// Folds StatsD lines into per-series, per-10-second aggregates in memory, as Etsy's statsd does:
/// counters add value ÷ sample rate, gauges keep the last value (+N/−N move it), timers, histograms
/// and distributions feed a DDSketch, sets a HyperLogLog. A line for a known series is looked up by
/// its raw name and tag bytes and costs no allocation; only a new series builds strings.
/// Every parsed line is counted accepted when it arrives (vigil_ingest_accepted_total{stream="statsd"}).
/// </summary>
public sealed class StatsdAggregator
{
    public const string Stream = "statsd";
    private const byte TagsMark = 0xFF; // never a byte of UTF-8, so name and tags cannot run together

    private readonly Dictionary<byte[], StatsdSeries> _series = new(ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], StatsdSeries>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly Lock _gate = new();
    private readonly VigilMetrics _metrics;
    private readonly MetricsOptions _settings;
    private byte[] _key = new byte[1024];
    private volatile IReadOnlySet<string> _slugs = new HashSet<string>();

    public StatsdAggregator(MetricsOptions settings, VigilMetrics metrics)
    {
        _settings = settings;
        _metrics = metrics;
        _lookup = _series.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>The project slugs that exist, for reading a name's prefix as a project (Metrics:StatsdPrefixProjects).</summary>
    public void KnowProjects(IReadOnlySet<string> slugs) => _slugs = slugs;

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
        if (accepted > 0)
            _metrics.Accepted.Add(Stream, amount: accepted);
        if (invalid > 0)
            _metrics.Rejected.Add(Stream, "invalid", invalid);
        if (overflow > 0)
            _metrics.Rejected.Add(Stream, "cardinality", overflow);
    }

    /// <summary>Everything aggregated since the last drain, by project slug. Series idle for an hour are forgotten.</summary>
    public Dictionary<string, List<MetricSample>> Drain(long nowMs)
    {
        var drained = new Dictionary<string, List<MetricSample>>();
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
                _series.Remove(key);
        }
        return drained;
    }

    /// <summary>Gauges whose first line after start (or after an idle hour) was a delta: the flush reads
    /// their last stored value and hands it to <see cref="Seed"/> before draining.</summary>
    public List<StatsdSeries> Unseeded()
    {
        lock (_gate)
            return _series.Values.Where(s => s.PendingGauges is not null).ToList();
    }

    /// <summary>Starts a gauge from <paramref name="last"/> (its stored level, 0 when none) and applies the lines held for it.</summary>
    public void Seed(StatsdSeries series, double last)
    {
        lock (_gate)
        {
            if (series.PendingGauges is not { } pending)
                return;
            series.GaugeLast = last;
            series.GaugeKnown = true;
            series.PendingGauges = null;
            foreach (var line in pending)
                SetGauge(series, line.Value, line.IsDelta, line.Bucket, line.AtMs);
        }
    }

    private static void SetGauge(StatsdSeries series, double value, bool isDelta, long bucket, long atMs)
    {
        series.GaugeLast = isDelta ? series.GaugeLast + value : value;
        series.GaugeKnown = true;
        series.For(bucket).SetGauge(series.GaugeLast, atMs);
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
            if (_series.Count >= _settings.StatsdMaxSeries)
                return false;
            series = Create(ref line);
            _series[key.ToArray()] = series;
        }
        series.LastUsedMs = nowMs;
        var atMs = nowMs;
        if (line.TimestampSeconds is { } seconds)
        {
            atMs = seconds * 1000;
            bucket = MetricResolution.Raw.BucketOf(atMs);
        }
        var rate = line.SampleRate;
        switch (line.Type)
        {
            case StatsdType.Counter:
                series.For(bucket).AddCount(line.FirstValue / rate, 1 / rate);
                break;
            case StatsdType.Gauge:
                if (series.PendingGauges is not null || (line.IsDelta && !series.GaugeKnown))
                    (series.PendingGauges ??= []).Add(new PendingGauge(line.FirstValue, line.IsDelta, bucket, atMs));
                else
                    SetGauge(series, line.FirstValue, line.IsDelta, bucket, atMs);
                break;
            case StatsdType.Set:
                series.For(bucket).AddMember(Encoding.UTF8.GetString(line.Values));
                break;
            default:
                var values = line.Values;
                var aggregate = series.For(bucket);
                while (StatsdLineParser.NextValue(ref values, out var value))
                    aggregate.AddObservation(value, 1 / rate);
                break;
        }
        return true;
    }

    /// <summary>A new series: its project comes from a vigil_project (or project) tag, which is then
    /// dropped from its tags, else from a "slug." name prefix when that is on and the project exists,
    /// else Metrics:StatsdProject.</summary>
    private StatsdSeries Create(ref StatsdLine line)
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
