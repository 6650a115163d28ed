namespace Vigil.Features.Metrics.Otlp;

/// <summary>
/// Where a histogram bucket's observations are placed when they are poured into a sketch: a
/// histogram only says how many values fell in a range, so each is added at the range's midpoint,
/// kept within the point's min and max when it has them. The error this adds is at most half a
/// bucket's width (documented in the README next to DDSketch's own 1%).
/// </summary>
public static class BucketRepresentatives
{
    /// <summary>Bucket <paramref name="i"/> of an explicit-bounds histogram covers (b[i-1], b[i]];
    /// the first and last are open-ended, so their far edge is the min or max, or else the one bound.</summary>
    public static double Explicit(IReadOnlyList<double> bounds, int i, double? min, double? max, double? mean)
    {
        if (bounds.Count == 0)
            return Clamp(mean ?? Middle(min, max) ?? 0, min, max);
        double value;
        if (i == 0)
            value = min is { } lo && lo < bounds[0] ? (lo + bounds[0]) / 2 : bounds[0];
        else if (i == bounds.Count)
            value = max is { } hi && hi > bounds[^1] ? (bounds[^1] + hi) / 2 : bounds[^1];
        else
            value = (bounds[i - 1] + bounds[i]) / 2;
        return Clamp(value, min, max);
    }

    /// <summary>Bucket index <paramref name="index"/> at <paramref name="scale"/> covers
    /// (base^index, base^(index+1)] with base = 2^(2^-scale); negative buckets mirror positive ones.</summary>
    public static double Exponential(int scale, int index, bool negative, double? min, double? max)
    {
        var lower = Math.Pow(2, index * Math.Pow(2, -scale));
        var upper = Math.Pow(2, (index + 1.0) * Math.Pow(2, -scale));
        var middle = double.IsFinite(upper) ? (lower + upper) / 2 : double.MaxValue;
        return Clamp(negative ? -middle : middle, min, max);
    }

    private static double? Middle(double? min, double? max) => min is { } lo && max is { } hi ? (lo + hi) / 2 : min ?? max;

    private static double Clamp(double value, double? min, double? max)
    {
        if (min is { } lo && value < lo)
            value = lo;
        if (max is { } hi && value > hi)
            value = hi;
        return value;
    }
}
