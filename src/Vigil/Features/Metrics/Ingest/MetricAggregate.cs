using Vigil.Features.Metrics.Sketches;

namespace Vigil.Features.Metrics.Ingest;

/// <summary>
/// What one series gathered in one bucket. Every kind keeps count, sum, min, max and the last value;
/// distributions add a <see cref="DDSketch"/>, sets a <see cref="HyperLogLog"/>. Aggregates of the
/// same kind merge exactly, which is how 10-second points roll into minutes and hours.
/// Unweighted observations wait in a plain array and go into the sketch when it is first read:
/// the StatsD receive thread then only stores a double, and the sketch's bucketing is paid by
/// whoever writes the point (the writer, on another core).
/// </summary>
public sealed class MetricAggregate
{
    private const int MaxPending = 65_536;
    private DDSketch? _sketch;
    private double[]? _pending;
    private int _pendingCount;

    public MetricAggregate(MetricKind kind) => Kind = kind;

    public MetricKind Kind { get; }
    /// <summary>Observations (distributions, gauges) or the summed delta's events (counters: lines seen, scaled by sample rate).</summary>
    public double Count { get; private set; }
    public double Sum { get; private set; }
    public double Min { get; private set; } = double.PositiveInfinity;
    public double Max { get; private set; } = double.NegativeInfinity;
    public double Last { get; private set; }
    public long LastAtMs { get; private set; } = long.MinValue;
    public DDSketch? Sketch
    {
        get
        {
            FoldPending();
            return _sketch;
        }
        private set => _sketch = value;
    }
    public HyperLogLog? Set { get; private set; }

    /// <summary>A counter's increment; <paramref name="value"/> is already divided by the sample rate.</summary>
    public void AddCount(double value, double events = 1)
    {
        Count += events;
        Sum += value;
        Observe(value, long.MinValue);
    }

    public void SetGauge(double value, long atMs)
    {
        Count += 1;
        Sum += value;
        Observe(value, atMs);
    }

    /// <summary>A distribution observation, <paramref name="count"/> times (sample rates scale the count).</summary>
    public void AddObservation(double value, double count = 1)
    {
        Count += count;
        Sum += value * count;
        Observe(value, long.MinValue);
        var weight = Math.Max(1, (long)Math.Round(count));
        if (weight != 1)
        {
            (_sketch ??= new DDSketch()).Add(value, weight);
            return;
        }
        if (_pending is null || _pendingCount == _pending.Length)
        {
            if (_pendingCount == MaxPending)
                FoldPending();
            else
                Array.Resize(ref _pending, Math.Min(MaxPending, Math.Max(16, _pendingCount * 2)));
        }
        _pending![_pendingCount++] = value;
    }

    public void AddMember(string member)
    {
        Count += 1;
        Set ??= new HyperLogLog();
        Set.Add(member);
    }

    /// <summary>Adds <paramref name="other"/> (same kind): counts and sums add, extremes widen,
    /// the later last value wins, sketches and sets merge.</summary>
    public void Merge(MetricAggregate other)
    {
        if (other.Kind != Kind)
            throw new ArgumentException($"A {other.Kind} cannot merge into a {Kind}.", nameof(other));
        Count += other.Count;
        Sum += other.Sum;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
        if (other.LastAtMs >= LastAtMs)
        {
            Last = other.Last;
            LastAtMs = other.LastAtMs;
        }
        if (other.Sketch is not null)
        {
            Sketch ??= new DDSketch(other.Sketch.RelativeAccuracy);
            Sketch.Merge(other.Sketch);
        }
        if (other.Set is not null)
        {
            Set ??= new HyperLogLog();
            Set.Merge(other.Set);
        }
    }

    /// <summary>Rebuilds a stored aggregate (the writer and rollups read rows back with this).</summary>
    public static MetricAggregate Restore(MetricKind kind, double count, double sum, double min, double max, double last, long lastAtMs, DDSketch? sketch, HyperLogLog? set)
    {
        var aggregate = new MetricAggregate(kind) { Count = count, Sum = sum, Min = min, Max = max, Last = last, LastAtMs = lastAtMs, Sketch = sketch, Set = set };
        return aggregate;
    }

    private void FoldPending()
    {
        if (_pendingCount == 0)
            return;
        _sketch ??= new DDSketch();
        foreach (var value in _pending.AsSpan(0, _pendingCount))
            _sketch.Add(value);
        _pendingCount = 0;
    }

    private void Observe(double value, long atMs)
    {
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
        if (atMs >= LastAtMs)
        {
            Last = value;
            LastAtMs = atMs;
        }
    }
}
