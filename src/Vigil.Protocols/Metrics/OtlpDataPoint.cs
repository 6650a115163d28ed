namespace Vigil.Protocols.Metrics;

/// <summary>
/// What every OTLP data point carries: its attributes (values flattened to text: booleans and
/// numbers as JSON writes them, arrays and key-value lists as JSON), the start of its interval
/// (for cumulative points, when the count last reset; 0 = unknown) and its time.
/// </summary>
public abstract record OtlpDataPoint(
    IReadOnlyList<KeyValuePair<string, string>> Attributes,
    ulong StartTimeUnixNano,
    ulong TimeUnixNano);
