using System.Diagnostics;

namespace Vigil.Bench.Logs;

/// <summary>Times a shell pipeline (ripgrep, GNU grep) over the NDJSON file: median of a few runs and its output's first line.</summary>
public static class ToolRun
{
    public static async Task<(double MedianMs, string Output)> TimeAsync(string command, int repetitions)
    {
        var times = new List<double>();
        var output = "";
        for (var i = 0; i < repetitions; i++)
        {
            var start = new ProcessStartInfo("bash", ["-c", command]) { RedirectStandardOutput = true };
            start.Environment["LC_ALL"] = "C";
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return (times.Order().ElementAt(times.Count / 2), output.Trim());
    }
}
