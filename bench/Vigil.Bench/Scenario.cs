namespace Vigil.Bench;

internal enum LoadMode { Max, Fixed }

/// <summary>One measured run: a fresh server on one storage engine under one kind of load.</summary>
internal sealed record Scenario(string Storage, LoadMode Mode, int Senders, int Rate, TimeSpan Warmup, TimeSpan Duration)
{
    public string Describe() => Mode == LoadMode.Max
        ? $"max throughput, {Senders} senders"
        : $"fixed {Rate:N0} events/s";
}
