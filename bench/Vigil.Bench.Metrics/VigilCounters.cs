using System.Globalization;
using System.Text.RegularExpressions;

namespace Vigil.Bench.Metrics;

/// <summary>What Vigil counted of a stream, from its own /metrics: accepted plus rejected lines
/// (every reason), so a line it saw and refused is told apart from one the kernel dropped.</summary>
public static partial class VigilCounters
{
    public static async Task<long> LinesSeenAsync(HttpClient http, string stream)
    {
        var text = await http.GetStringAsync("/metrics");
        long total = 0;
        foreach (Match match in Sample().Matches(text))
        {
            if (match.Groups["labels"].Value.Contains($"stream=\"{stream}\"", StringComparison.Ordinal))
                total += (long)double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        }
        return total;
    }

    [GeneratedRegex(@"^vigil_ingest_(?:accepted|rejected)_total\{(?<labels>[^}]*)\}\s+(?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
