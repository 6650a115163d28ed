namespace Vigil.Features.Metrics.Ingest;

/// <summary>A gauge's current value, one per series for all shards: +N/−N from any sender moves the
/// same value, as in Etsy's single-threaded statsd, whichever receive socket the line came in on.</summary>
public sealed class StatsdGauge
{
    private long _bits;
    private volatile bool _known;

    /// <summary>Shards holding the series; the aggregator forgets the gauge when the last lets go.</summary>
    internal int Holders;

    /// <summary>Whether the value is the gauge's real level: set by a plain value or read from the store.
    /// Until then a delta has nothing to move and waits (<see cref="StatsdSeries.PendingGauges"/>).</summary>
    public bool Known => _known;

    /// <summary>Starts the gauge from its stored level, unless a plain value set it meanwhile. Only the flush calls it.</summary>
    public void Seed(double last)
    {
        if (_known)
            return;
        Interlocked.Exchange(ref _bits, BitConverter.DoubleToInt64Bits(last));
        _known = true;
    }

    public double Apply(double value, bool isDelta)
    {
        if (!isDelta)
        {
            Interlocked.Exchange(ref _bits, BitConverter.DoubleToInt64Bits(value));
            _known = true;
            return value;
        }
        while (true)
        {
            var seen = Volatile.Read(ref _bits);
            var next = BitConverter.Int64BitsToDouble(seen) + value;
            if (Interlocked.CompareExchange(ref _bits, BitConverter.DoubleToInt64Bits(next), seen) == seen)
                return next;
        }
    }
}
