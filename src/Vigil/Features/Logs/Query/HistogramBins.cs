namespace Vigil.Features.Logs.Query;

/// <summary>Picks a round bin width that gives about the asked number of bars over a range.</summary>
public static class HistogramBins
{
    private static readonly TimeSpan[] Widths =
    [
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30),
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(3), TimeSpan.FromHours(6), TimeSpan.FromHours(12), TimeSpan.FromDays(1), TimeSpan.FromDays(7),
    ];

    public static TimeSpan Width(TimeRange range, int bins)
    {
        var ideal = (range.To - range.From) / (double)Math.Clamp(bins, 1, 1000);
        return Widths.FirstOrDefault(w => w.TotalMilliseconds >= ideal, Widths[^1]);
    }
}
