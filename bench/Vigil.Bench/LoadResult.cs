namespace Vigil.Bench;

/// <summary>What the generator saw: acknowledged sends in the measured window, latencies and failures.</summary>
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
