namespace Vigil.Protocols.StatsD;

public enum StatsdType
{
    Counter,
    Gauge,
    Timer,
    Histogram,
    Distribution,
    Set,
}

/// <summary>One metric line. <see cref="Values"/> has one value, or several for DogStatsD's
/// multi-value packets (<c>name:1:2:3|h</c>); a set's member is in <see cref="SetMember"/>.
/// <see cref="IsDelta"/> marks a gauge written as +N or -N.</summary>
public sealed record StatsdMetric(
    string Name,
    StatsdType Type,
    IReadOnlyList<double> Values,
    double SampleRate,
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    bool IsDelta = false,
    string? SetMember = null,
    long? TimestampSeconds = null);

/// <summary>A line of a packet that was not a metric, and why. <see cref="Line"/> is 1-based.</summary>
public sealed record StatsdLineError(int Line, string Message, string Text);

public sealed record StatsdPacket(IReadOnlyList<StatsdMetric> Metrics, IReadOnlyList<StatsdLineError> Errors, int Skipped);
