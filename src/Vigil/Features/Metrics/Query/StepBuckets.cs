using Vigil.Features.Metrics.Sketches;
using Vigil.Features.Metrics.Storage;

namespace Vigil.Features.Metrics.Query;

/// <summary>
/// One group's buckets over a query window: arrays indexed by step holding only the columns the
/// aggregation reads. Stored points merge in place by the rules of <see cref="Ingest.MetricAggregate.Merge"/>
/// (counts and sums add, extremes widen, the later last value wins, sketches and sets merge), so a
/// month of minutes costs a few arrays, not an object per point.
/// </summary>
public sealed class StepBuckets
{
    private readonly MetricKind[] _kinds; // default: the bucket has no point yet
    private readonly double[]? _count;
    private readonly double[]? _sum;
    private readonly double[]? _min;
    private readonly double[]? _max;
    private readonly double[]? _last;
    private readonly long[]? _lastAt;
    private readonly DDSketch?[]? _sketches;
    private readonly HyperLogLog?[]? _sets;

    public StepBuckets(int steps, PointColumns columns)
    {
        _kinds = new MetricKind[steps];
        _count = Has(columns, PointColumns.Count) ? new double[steps] : null;
        _sum = Has(columns, PointColumns.Sum) ? new double[steps] : null;
        _min = Has(columns, PointColumns.Min) ? new double[steps] : null;
        _max = Has(columns, PointColumns.Max) ? new double[steps] : null;
        _last = Has(columns, PointColumns.Last) ? new double[steps] : null;
        _lastAt = Has(columns, PointColumns.Last) ? new long[steps] : null;
        _sketches = Has(columns, PointColumns.Sketch) ? new DDSketch?[steps] : null;
        _sets = Has(columns, PointColumns.Set) ? new HyperLogLog?[steps] : null;
    }

    /// <summary>Adds a point of <paramref name="kind"/> to bucket <paramref name="step"/>. One name stored
    /// with two kinds: the first kind merged into a bucket wins it and the other's points are left out.</summary>
    public void Merge(int step, MetricKind kind, in StoredPoint point)
    {
        var held = _kinds[step];
        if (held == default)
        {
            _kinds[step] = kind;
            Start(step, point);
            return;
        }
        if (held != kind)
            return;
        if (_count is not null)
            _count[step] += point.Count;
        if (_sum is not null)
            _sum[step] += point.Sum;
        if (_min is not null)
            _min[step] = Math.Min(_min[step], point.Min);
        if (_max is not null)
            _max[step] = Math.Max(_max[step], point.Max);
        if (_lastAt is not null && point.LastAtMs >= _lastAt[step])
        {
            _last![step] = point.Last;
            _lastAt[step] = point.LastAtMs;
        }
        if (_sketches is not null && point.Sketch is not null)
        {
            if (_sketches[step] is { } sketch)
                sketch.Merge(point.Sketch);
            else
                _sketches[step] = point.Sketch;
        }
        if (_sets is not null && point.Set is not null)
        {
            if (_sets[step] is { } set)
                set.Merge(point.Set);
            else
                _sets[step] = point.Set;
        }
    }

    /// <summary>The aggregation's value of every bucket, null where a bucket had no point or no finite value.</summary>
    public MetricPoint[] Points(string aggregation, long startMs, long stepMs, long offsetMs)
    {
        var points = new MetricPoint[_kinds.Length];
        var seconds = stepMs / 1000.0;
        for (var i = 0; i < points.Length; i++)
        {
            double? value = _kinds[i] == default ? null : aggregation switch
            {
                "sum" => _sum![i],
                "avg" => _count![i] > 0 ? _sum![i] / _count[i] : null,
                "min" => _min![i],
                "max" => _max![i],
                "count" => _count![i],
                "last" => _last![i],
                "rate" => _sum![i] / seconds,
                "p50" => Quantile(i, 0.5),
                "p90" => Quantile(i, 0.9),
                "p99" => Quantile(i, 0.99),
                "distinct" => _sets![i]?.Estimate(),
                _ => throw new ArgumentException($"'{aggregation}' is not an aggregation: use {string.Join(", ", MetricAggregations.All)}.", nameof(aggregation)),
            };
            points[i] = new MetricPoint(startMs + i * stepMs + offsetMs, value is { } v && double.IsFinite(v) ? v : null);
        }
        return points;
    }

    // The first point of a bucket is the bucket: merging it into an empty aggregate changes nothing.
    private void Start(int step, in StoredPoint point)
    {
        if (_count is not null)
            _count[step] = point.Count;
        if (_sum is not null)
            _sum[step] = point.Sum;
        if (_min is not null)
            _min[step] = point.Min;
        if (_max is not null)
            _max[step] = point.Max;
        if (_lastAt is not null)
        {
            _last![step] = point.Last;
            _lastAt[step] = point.LastAtMs;
        }
        if (_sketches is not null)
            _sketches[step] = point.Sketch;
        if (_sets is not null)
            _sets[step] = point.Set;
    }

    private double? Quantile(int step, double q) => _sketches![step] is { Count: > 0 } sketch ? sketch.Quantile(q) : null;

    private static bool Has(PointColumns columns, PointColumns column) => (columns & column) != 0;
}
