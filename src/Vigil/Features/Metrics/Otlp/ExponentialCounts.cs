using Vigil.Protocols.Metrics;

namespace Vigil.Features.Metrics.Otlp;

/// <summary>
/// An exponential histogram's counts by bucket index, so two cumulative points can be subtracted
/// even when the SDK shifted offsets or lowered the scale in between (which it does as the range
/// of values grows): the earlier point is brought down to the later scale by merging buckets
/// (index i at scale s is index i >> k at scale s − k) before the counts are compared.
/// </summary>
public sealed class ExponentialCounts
{
    public required int Scale { get; init; }
    public required double Count { get; init; }
    public required double Sum { get; init; }
    public required double Zero { get; init; }
    public required Dictionary<int, double> Positive { get; init; }
    public required Dictionary<int, double> Negative { get; init; }

    public static ExponentialCounts From(OtlpExponentialHistogramPoint point) => new()
    {
        Scale = point.Scale,
        Count = point.Count,
        Sum = point.Sum ?? 0,
        Zero = point.ZeroCount,
        Positive = Dense(point.PositiveOffset, point.PositiveCounts),
        Negative = Dense(point.NegativeOffset, point.NegativeCounts),
    };

    /// <summary>current − previous, or null when anything went down or the scale went up (a reset).</summary>
    public static ExponentialCounts? Subtract(ExponentialCounts previous, ExponentialCounts current)
    {
        if (previous.Scale < current.Scale || current.Count < previous.Count || current.Zero < previous.Zero)
            return null;
        var shift = previous.Scale - current.Scale;
        var positive = Minus(current.Positive, Downscale(previous.Positive, shift));
        var negative = Minus(current.Negative, Downscale(previous.Negative, shift));
        if (positive is null || negative is null)
            return null;
        return new ExponentialCounts
        {
            Scale = current.Scale,
            Count = current.Count - previous.Count,
            Sum = current.Sum - previous.Sum,
            Zero = current.Zero - previous.Zero,
            Positive = positive,
            Negative = negative,
        };
    }

    private static Dictionary<int, double> Dense(int offset, IReadOnlyList<ulong> counts)
    {
        var result = new Dictionary<int, double>();
        for (var i = 0; i < counts.Count; i++)
        {
            if (counts[i] > 0)
                result[offset + i] = counts[i];
        }
        return result;
    }

    private static Dictionary<int, double> Downscale(Dictionary<int, double> counts, int shift)
    {
        if (shift == 0)
            return counts;
        var result = new Dictionary<int, double>();
        foreach (var (index, count) in counts)
            result[index >> shift] = result.GetValueOrDefault(index >> shift) + count;
        return result;
    }

    private static Dictionary<int, double>? Minus(Dictionary<int, double> current, Dictionary<int, double> previous)
    {
        var result = new Dictionary<int, double>(current);
        foreach (var (index, count) in previous)
        {
            var left = result.GetValueOrDefault(index) - count;
            if (left < 0)
                return null;
            result[index] = left;
        }
        return result;
    }
}
