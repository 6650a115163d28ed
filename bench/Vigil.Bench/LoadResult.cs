namespace Vigil.Bench;

/// <summary>What the generator saw: acknowledgements during the measured window, latencies of the sends
/// scheduled in it, failures, and totals over the whole run (warm-up and stragglers included).</summary>
internal sealed record LoadResult(
    long Measured,
    TimeSpan Window,
    LatencyHistogram Latency,
    IReadOnlyDictionary<int, long> Failures,
    long AcknowledgedTotal,
    long SentTotal,
    long Late)
{
    public double EventsPerSecond => Measured / Window.TotalSeconds;
}
