namespace Vigil.Tests.Features.Alerts.Support;

/// <summary>A clock tests move forward by hand (escalation after N minutes, windows clearing); it starts at the real time.</summary>
public sealed class ManualClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow.AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
