namespace Vigil.Features.Logs.Blocks.Evaluation;

internal static class Percentile
{
    /// <summary>Linear interpolation between the two values around rank/100 × (n − 1) of the sorted
    /// values, as PostgreSQL's percentile_cont does.</summary>
    public static double Interpolate(List<double> values, double rank)
    {
        values.Sort();
        var position = Math.Clamp(rank, 0, 100) / 100 * (values.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, values.Count - 1);
        return values[lower] + (values[upper] - values[lower]) * (position - lower);
    }
}
