namespace Vigil.Protocols.Metrics;

/// <summary>A Gauge or Sum point: as_double, or as_int widened to a double.</summary>
public sealed record OtlpNumberPoint(
    IReadOnlyList<KeyValuePair<string, string>> Attributes,
    ulong StartTimeUnixNano,
    ulong TimeUnixNano,
    double Value) : OtlpDataPoint(Attributes, StartTimeUnixNano, TimeUnixNano);
