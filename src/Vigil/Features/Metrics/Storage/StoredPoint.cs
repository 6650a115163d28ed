using Vigil.Features.Metrics.Sketches;

namespace Vigil.Features.Metrics.Storage;

/// <summary>One stored point as read: the columns not asked for hold their empty values
/// (0, ±infinity for extremes, <see cref="long.MinValue"/> for "never", null blobs).</summary>
public readonly record struct StoredPoint(
    long SeriesId,
    long Bucket,
    double Count,
    double Sum,
    double Min,
    double Max,
    double Last,
    long LastAtMs,
    DDSketch? Sketch,
    HyperLogLog? Set);

public delegate void StoredPointVisitor(in StoredPoint point);
