namespace Vigil.Features.Metrics.Ingest;

/// <summary>A gauge's current value, one per series for all shards: +N/−N from any sender moves the
/// same value, as in Etsy's single-threaded statsd, whichever receive socket the line came in on.</summary>
public sealed class StatsdGauge
{
    private long _bits;

    /// <summary>Shards holding the series; the aggregator forgets the gauge when the last lets go.</summary>
    internal int Holders;

    public double Apply(double value, bool isDelta)
    {
        if (!isDelta)
        {
            Interlocked.Exchange(ref _bits, BitConverter.DoubleToInt64Bits(value));
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
