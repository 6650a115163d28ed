namespace Vigil.Protocols.Metrics;

/// <summary>
/// The fields of any data point as read from protobuf or JSON, before <see cref="OtlpPointValidator"/>
/// checks them and builds the typed point. Both readers fill this one shape so both get the same rules.
/// </summary>
internal sealed class OtlpPointDraft
{
    public List<KeyValuePair<string, string>> Attributes { get; } = [];
    public ulong StartTimeUnixNano { get; set; }
    public ulong TimeUnixNano { get; set; }
    public uint Flags { get; set; }
    public double? Value { get; set; }
    public ulong Count { get; set; }
    public double? Sum { get; set; }
    public double? Min { get; set; }
    public double? Max { get; set; }
    public List<ulong> BucketCounts { get; } = [];
    public List<double> Bounds { get; } = [];
    public int Scale { get; set; }
    public ulong ZeroCount { get; set; }
    public int PositiveOffset { get; set; }
    public List<ulong> PositiveCounts { get; } = [];
    public int NegativeOffset { get; set; }
    public List<ulong> NegativeCounts { get; } = [];
    public List<(double Quantile, double Value)> Quantiles { get; } = [];

    /// <summary>DataPointFlags bit 1: the series had no value in this interval (a staleness marker).</summary>
    public bool NoRecordedValue => (Flags & 1) != 0;
}
