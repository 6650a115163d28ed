namespace Vigil.Protocols.Metrics;

/// <summary>
/// What a metrics body decoded to. <see cref="Fatal"/> set means nothing could be read. Otherwise
/// <see cref="Metrics"/> hold the valid points, <see cref="Errors"/> the rejected ones, and
/// <see cref="NoRecordedValue"/> counts points flagged "no recorded value" (skipped, not errors:
/// the sender says the series has no data for that interval).
/// </summary>
public sealed record OtlpMetricsBatch(
    IReadOnlyList<OtlpMetric> Metrics,
    IReadOnlyList<OtlpPointError> Errors,
    int NoRecordedValue,
    ParseError? Fatal)
{
    public static OtlpMetricsBatch FromFatal(ParseError fatal) => new([], [], 0, fatal);

    public int PointCount => Metrics.Sum(m => m.Points.Count);
}
