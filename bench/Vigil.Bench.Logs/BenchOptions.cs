namespace Vigil.Bench.Logs;

/// <summary>The command line: <c>--events N</c>, <c>--quick</c>, <c>--senders</c>, <c>--reps</c>,
/// <c>--postgres CONNECTION</c>, <c>--pg-events N</c>, <c>--work DIR</c>, <c>--keep</c>, <c>--vigil DLL</c>,
/// <c>--search-only</c> (search a store an earlier <c>--keep</c> run left in <c>--work DIR</c>, skipping ingest:
/// loading 10 million events takes longer than a quiet machine can be kept quiet).</summary>
public sealed record BenchOptions(long Events, long PostgresEvents, int Senders, int Repetitions, int ToolRepetitions,
    string? Postgres, string WorkDir, bool Keep, string VigilDll, bool SearchOnly)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var quick = args.Contains("--quick");
        var events = long.Parse(Value("--events") ?? (quick ? "1000000" : "10000000"));
        events = Math.Max(Dataset.BatchSize, (events + Dataset.BatchSize - 1) / Dataset.BatchSize * Dataset.BatchSize);
        var pgEvents = long.Parse(Value("--pg-events") ?? (quick ? "200000" : "1000000"));
        return new BenchOptions(
            events,
            Math.Min(events, (pgEvents + Dataset.BatchSize - 1) / Dataset.BatchSize * Dataset.BatchSize),
            int.Parse(Value("--senders") ?? "8"),
            int.Parse(Value("--reps") ?? "20"),
            quick ? 2 : 3,
            Value("--postgres"),
            Value("--work") ?? Path.Combine(Path.GetTempPath(), "vigil-logsbench-" + Environment.ProcessId),
            args.Contains("--keep") || args.Contains("--search-only"),
            Value("--vigil") ?? "src/Vigil/bin/Release/net10.0/vigil.dll",
            args.Contains("--search-only"));
    }
}
