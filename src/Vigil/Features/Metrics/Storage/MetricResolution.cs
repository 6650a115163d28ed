namespace Vigil.Features.Metrics.Storage;

/// <summary>One of the three stored resolutions: its bucket width and its table.</summary>
public sealed record MetricResolution(string Name, long BucketMs, string Table)
{
    public static readonly MetricResolution Raw = new("10s", 10_000, "metric_points_10s");
    public static readonly MetricResolution Minute = new("1m", 60_000, "metric_points_1m");
    public static readonly MetricResolution Hour = new("1h", 3_600_000, "metric_points_1h");

    /// <summary>Finest first.</summary>
    public static IReadOnlyList<MetricResolution> All { get; } = [Raw, Minute, Hour];

    /// <summary>The start of the bucket holding <paramref name="ms"/> (floor, also before 1970).</summary>
    public long BucketOf(long ms) => ms - ((ms % BucketMs) + BucketMs) % BucketMs;
}
