using System.Globalization;
using Vigil.Features.Errors.Issues;

namespace Vigil.Features.Errors.Pages;

/// <summary>Events over time as bars for a server-rendered SVG: hourly counts folded into equal bins.</summary>
public sealed record EventChart(string Caption, IReadOnlyList<EventChart.Bar> Bars)
{
    public sealed record Bar(long Start, long Count, string Label);

    public long Max => Bars.Count == 0 ? 0 : Bars.Max(b => b.Count);

    public long Total => Bars.Sum(b => b.Count);

    /// <summary>The hours from which to query so <see cref="Build"/> fills <paramref name="bins"/> bins ending now.</summary>
    public static long From(DateTimeOffset now, TimeSpan bin, int bins) => Floor(now, bin) - (long)bin.TotalMilliseconds * (bins - 1);

    public static EventChart Build(string caption, IReadOnlyList<HourCount> hours, DateTimeOffset now, TimeSpan bin, int bins)
    {
        var size = (long)bin.TotalMilliseconds;
        var from = From(now, bin, bins);
        var counts = new long[bins];
        foreach (var hour in hours)
        {
            var index = (hour.Hour - from) / size;
            if (index >= 0 && index < bins)
                counts[index] += hour.Count;
        }
        var format = bin >= TimeSpan.FromDays(1) ? "ddd d MMM" : "d MMM HH:00";
        var bars = counts.Select((count, i) =>
        {
            var start = from + i * size;
            var label = DateTimeOffset.FromUnixTimeMilliseconds(start).ToString(format, CultureInfo.InvariantCulture);
            return new Bar(start, count, $"{label} UTC: {count} event{(count == 1 ? "" : "s")}");
        }).ToList();
        return new EventChart(caption, bars);
    }

    private static long Floor(DateTimeOffset now, TimeSpan bin)
    {
        var ms = now.ToUnixTimeMilliseconds();
        return ms - ms % (long)bin.TotalMilliseconds;
    }
}
