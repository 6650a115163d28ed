namespace Vigil.Bench;

/// <summary>Thread-safe latency counts in 10 µs buckets up to 60 s: exact enough for p50–p99.9 and
/// free of allocation on the send path.</summary>
internal sealed class LatencyHistogram
{
    private const double BucketMicroseconds = 10;
    private readonly long[] _buckets = new long[6_000_000];
    private long _count;
    private long _maxTicks;

    public long Count => Interlocked.Read(ref _count);
    public TimeSpan Max => TimeSpan.FromTicks(Interlocked.Read(ref _maxTicks));

    public void Record(TimeSpan latency)
    {
        var index = (long)(latency.TotalMicroseconds / BucketMicroseconds);
        Interlocked.Increment(ref _buckets[Math.Clamp(index, 0, _buckets.Length - 1)]);
        Interlocked.Increment(ref _count);
        var ticks = latency.Ticks;
        long seen;
        while (ticks > (seen = Interlocked.Read(ref _maxTicks)) && Interlocked.CompareExchange(ref _maxTicks, ticks, seen) != seen)
        {
        }
    }

    public TimeSpan Percentile(double percentile)
    {
        var total = Count;
        if (total == 0)
            return TimeSpan.Zero;
        var rank = (long)Math.Ceiling(total * percentile / 100.0);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += _buckets[i];
            if (seen >= rank)
                return TimeSpan.FromMicroseconds((i + 1) * BucketMicroseconds);
        }
        return Max;
    }
}
