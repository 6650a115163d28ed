using System.Globalization;
using System.Text.Json;
using Vigil.Features.Metrics.Query;

namespace Vigil.Cli.Metrics;

/// <summary>How `vigil metrics query` prints a result: a table of time and one column per group, or JSON.</summary>
internal static class MetricsOutput
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Write(MetricQueryResult result, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                name = result.Name,
                unit = result.Unit,
                stepMs = result.StepMs,
                series = result.Series.Select(s => new { group = s.Group, points = s.Points.Select(p => new object?[] { p.TimeMs, p.Value }) }),
            }, Json));
            return;
        }
        var columns = result.Series.Select(s => s.Group.Count == 0 ? result.Name : string.Join(',', s.Group.Select(g => $"{g.Key}={g.Value}"))).ToList();
        Console.WriteLine("time\t" + string.Join('\t', columns));
        if (result.Series.Count == 0)
            return;
        for (var i = 0; i < result.Series[0].Points.Count; i++)
        {
            var time = DateTimeOffset.FromUnixTimeMilliseconds(result.Series[0].Points[i].TimeMs).ToString("u", CultureInfo.InvariantCulture);
            Console.WriteLine(time + "\t" + string.Join('\t', result.Series.Select(s => s.Points[i].Value?.ToString("G6", CultureInfo.InvariantCulture) ?? "")));
        }
    }
}
