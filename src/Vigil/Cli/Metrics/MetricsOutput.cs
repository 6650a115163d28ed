using System.Globalization;
using System.Text.Json;
using Vigil.Features.Metrics.Query;

namespace Vigil.Cli.Metrics;

/// <summary>How `vigil metrics query` prints a result: a table of time and one column per group, or JSON.</summary>
internal static class MetricsOutput
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>JSON is the query API's answer, written by the same <see cref="MetricQueryJson"/>.</summary>
    public static async Task WriteAsync(MetricQueryResult result, bool json, CancellationToken cancellationToken)
    {
        if (json)
        {
            await using var stdout = Console.OpenStandardOutput();
            var pipe = System.IO.Pipelines.PipeWriter.Create(stdout, new System.IO.Pipelines.StreamPipeWriterOptions(leaveOpen: true));
            await MetricQueryJson.WriteAsync(pipe, result, cancellationToken);
            await pipe.CompleteAsync();
            await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
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
