namespace Vigil.Bench.Metrics;

/// <summary>The command line: <c>--rates 50000,100000,…</c> (lines/s), <c>--step-seconds N</c>,
/// <c>--series N</c>, <c>--senders N</c> (UDP sender sockets, as from N app processes), <c>--days N</c> (query benchmark's span), <c>--reps N</c>, <c>--no-statsd</c>
/// (skip Etsy's statsd), <c>--no-query</c>, <c>--vigil DLL</c>, <c>--statsd-dir DIR</c>, <c>--work DIR</c>.</summary>
public sealed record BenchOptions(int[] Rates, int StepSeconds, int Series, int Senders, int Days, int Repetitions,
    bool RunEtsy, bool RunQuery, string VigilDll, string StatsdDir, string WorkDir)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        return new BenchOptions(
            (Value("--rates") ?? "50000,100000,200000,300000,400000,600000").Split(',').Select(int.Parse).ToArray(),
            int.Parse(Value("--step-seconds") ?? "10"),
            int.Parse(Value("--series") ?? "10000"),
            int.Parse(Value("--senders") ?? "16"),
            int.Parse(Value("--days") ?? "30"),
            int.Parse(Value("--reps") ?? "20"),
            !args.Contains("--no-statsd"),
            !args.Contains("--no-query"),
            Value("--vigil") ?? "src/Vigil/bin/Release/net10.0/vigil.dll",
            Value("--statsd-dir") ?? "bench/statsd",
            Value("--work") ?? Path.Combine(Path.GetTempPath(), "vigil-metricsbench-" + Environment.ProcessId));
    }
}
