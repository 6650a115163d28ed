using System.Data.Common;
using Vigil.Features.Metrics.Ingest;
using Vigil.Features.Metrics.Sketches;

namespace Vigil.Features.Metrics.Storage;

/// <summary>How an aggregate becomes a point row and back. Non-finite extremes and the "never"
/// of <see cref="MetricAggregate.LastAtMs"/> are stored as NULL, which both engines hold alike.</summary>
public static class PointCodec
{
    public const string Columns = "series_id, bucket, count, sum, min, max, last, last_at, sketch, set_blob";

    public static object?[] Row(long seriesId, long bucket, MetricAggregate value) =>
    [
        seriesId,
        bucket,
        value.Count,
        value.Sum,
        double.IsFinite(value.Min) ? value.Min : null,
        double.IsFinite(value.Max) ? value.Max : null,
        value.Last,
        value.LastAtMs == long.MinValue ? null : value.LastAtMs,
        value.Sketch is null ? null : DDSketchSerializer.Write(value.Sketch),
        value.Set?.ToBytes(),
    ];

    /// <summary>Reads <see cref="Columns"/> from position <paramref name="at"/> on (after series_id and bucket).</summary>
    public static MetricAggregate Read(DbDataReader reader, int at, MetricKind kind) => MetricAggregate.Restore(
        kind,
        reader.GetDouble(at),
        reader.GetDouble(at + 1),
        reader.IsDBNull(at + 2) ? double.PositiveInfinity : reader.GetDouble(at + 2),
        reader.IsDBNull(at + 3) ? double.NegativeInfinity : reader.GetDouble(at + 3),
        reader.IsDBNull(at + 4) ? 0 : reader.GetDouble(at + 4),
        reader.IsDBNull(at + 5) ? long.MinValue : reader.GetInt64(at + 5),
        reader.IsDBNull(at + 6) ? null : DDSketchSerializer.Read((byte[])reader.GetValue(at + 6)),
        reader.IsDBNull(at + 7) ? null : HyperLogLog.FromBytes((byte[])reader.GetValue(at + 7)));
}
