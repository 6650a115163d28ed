namespace Vigil.Bench;

/// <summary>One line of the results table.</summary>
internal sealed record ReportRow(Scenario Scenario, LoadResult Load, double PeakRssMegabytes, TimeSpan CpuPerEvent, StoreCheck.Result Stored)
{
    // A request that timed out at the client may still have committed: stored may exceed acknowledged, never fall short.
    public bool AllStored => Stored.StoredEvents >= Load.AcknowledgedTotal && Stored.StoredEvents <= Load.SentTotal;

    public static string Header =>
        "| storage | load | events/s | p50 ms | p90 ms | p99 ms | max ms | errors | server peak RSS | server CPU µs/event | stored / acknowledged | issues |\n" +
        "|---|---|---:|---:|---:|---:|---:|---|---:|---:|---|---:|";

    public override string ToString()
    {
        var latency = Load.Latency;
        var errors = Load.Failures.Count == 0
            ? "none"
            : string.Join(", ", Load.Failures.OrderBy(f => f.Key).Select(f => $"{Name(f.Key)}×{f.Value:N0}"));
        return $"| {Scenario.Storage} | {Scenario.Describe()} | {Load.EventsPerSecond:N0} | {Ms(latency.Percentile(50))} | {Ms(latency.Percentile(90))} | " +
            $"{Ms(latency.Percentile(99))} | {Ms(latency.Max)} | {errors} | {PeakRssMegabytes:N0} MB | {CpuPerEvent.TotalMicroseconds:N0} | " +
            $"{Stored.StoredEvents:N0} / {Load.AcknowledgedTotal:N0}{(AllStored ? "" : " MISMATCH")} | {Stored.Issues} |";
    }

    private static string Name(int failure) => failure switch
    {
        LoadGenerator.ConnectionFailed => "connection",
        LoadGenerator.Cancelled => $"unanswered {LoadGenerator.FixedRateGrace.TotalSeconds:N0} s after the run",
        _ => failure.ToString(),
    };

    private static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString(value.TotalMilliseconds < 10 ? "N1" : "N0");
}
