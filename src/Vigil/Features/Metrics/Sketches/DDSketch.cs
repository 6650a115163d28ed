namespace Vigil.Features.Metrics.Sketches;

/// <summary>
/// A mergeable quantile sketch with a relative-error guarantee (DDSketch, Masson, Rim and Lee,
/// VLDB 2019): every quantile it returns is within <see cref="RelativeAccuracy"/> of the true value
/// (1% by default), whatever the distribution, and two sketches merge exactly by adding bucket
/// counts — which is what rolling 10-second points into minutes and hours needs.
/// Values map to bucket ⌈log_γ(|x|)⌉ with γ = (1 + α) / (1 − α); zero and values below
/// <see cref="MinIndexable"/> share one counter.
/// </summary>
public sealed class DDSketch
{
    public const double MinIndexable = 1e-9;
    private readonly double _gamma;
    private readonly double _logGamma;
    private readonly SortedDictionary<int, long> _positive = [];
    private readonly SortedDictionary<int, long> _negative = [];

    public DDSketch(double relativeAccuracy = 0.01)
    {
        if (relativeAccuracy is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(relativeAccuracy), "must be between 0 and 1");
        RelativeAccuracy = relativeAccuracy;
        _gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
        _logGamma = Math.Log(_gamma);
    }

    public double RelativeAccuracy { get; }
    public long Count { get; private set; }
    public long ZeroCount { get; private set; }
    public double Sum { get; private set; }
    public double Min { get; private set; } = double.PositiveInfinity;
    public double Max { get; private set; } = double.NegativeInfinity;

    public void Add(double value, long count = 1)
    {
        if (!double.IsFinite(value) || count <= 0)
            return;
        if (Math.Abs(value) < MinIndexable)
            ZeroCount += count;
        else
        {
            var buckets = value > 0 ? _positive : _negative;
            var index = Index(Math.Abs(value));
            buckets[index] = buckets.GetValueOrDefault(index) + count;
        }
        Count += count;
        Sum += value * count;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
    }

    /// <summary>Adds every count of <paramref name="other"/>; both must have the same accuracy.</summary>
    public void Merge(DDSketch other)
    {
        if (Math.Abs(other.RelativeAccuracy - RelativeAccuracy) > 1e-12)
            throw new ArgumentException("Sketches with different accuracies cannot merge.", nameof(other));
        foreach (var (index, count) in other._positive)
            _positive[index] = _positive.GetValueOrDefault(index) + count;
        foreach (var (index, count) in other._negative)
            _negative[index] = _negative.GetValueOrDefault(index) + count;
        ZeroCount += other.ZeroCount;
        Count += other.Count;
        Sum += other.Sum;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>The value at quantile <paramref name="q"/> (0–1); NaN when empty.</summary>
    public double Quantile(double q)
    {
        if (Count == 0 || q is < 0 or > 1)
            return double.NaN;
        var rank = (long)Math.Floor(q * (Count - 1));
        long seen = 0;
        foreach (var (index, count) in _negative.Reverse())
        {
            seen += count;
            if (seen > rank)
                return Math.Max(Min, -Value(index));
        }
        seen += ZeroCount;
        if (seen > rank)
            return 0;
        foreach (var (index, count) in _positive)
        {
            seen += count;
            if (seen > rank)
                return Math.Min(Max, Value(index));
        }
        return Max;
    }

    public IReadOnlyDictionary<int, long> PositiveBuckets => _positive;
    public IReadOnlyDictionary<int, long> NegativeBuckets => _negative;

    internal void Restore(long zeroCount, long count, double sum, double min, double max)
    {
        ZeroCount = zeroCount;
        Count = count;
        Sum = sum;
        Min = min;
        Max = max;
    }

    internal void SetBucket(bool positive, int index, long count) => (positive ? _positive : _negative)[index] = count;

    private int Index(double value) => (int)Math.Ceiling(Math.Log(value) / _logGamma);

    // The bucket's representative: the point whose relative distance to both bucket edges is α.
    private double Value(int index) => 2 * Math.Pow(_gamma, index) / (_gamma + 1);
}
