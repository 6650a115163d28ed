using Vigil.Features.Metrics.Storage;

namespace Vigil.Features.Metrics.Query;

/// <summary>
/// Which stored resolution answers a query and the step of its points. Without a step: 10-second
/// points for ranges up to 6 hours, minutes up to 7 days, hours beyond (and a coarser one when the
/// range starts before the finer one's retention), then the smallest multiple of that resolution
/// giving at most ~1,500 points. With a step: the coarsest resolution that divides it.
/// </summary>
public sealed record QueryWindow(MetricResolution Resolution, long StepMs, long StartMs, long EndMs)
{
    public const int TargetPoints = 1_500;
    // A month of minutes (43,200) fits: the rhythm view over 30 days at full resolution.
    public const int MaxPoints = 50_000;

    public int PointCount => (int)((EndMs - StartMs) / StepMs);

    public static QueryWindow Choose(long fromMs, long toMs, long? stepMs, long nowMs, MetricsOptions settings)
    {
        var range = Math.Max(1, toMs - fromMs);
        MetricResolution resolution;
        long step;
        if (stepMs is { } asked)
        {
            if (asked < MetricResolution.Raw.BucketMs || asked % MetricResolution.Raw.BucketMs != 0)
                throw new ArgumentException("The step must be a whole multiple of 10 seconds.", "step");
            resolution = MetricResolution.All.Last(r => asked % r.BucketMs == 0);
            step = asked;
        }
        else
        {
            resolution = range <= 6 * 3_600_000L ? MetricResolution.Raw : range <= 7 * 86_400_000L ? MetricResolution.Minute : MetricResolution.Hour;
            if (resolution == MetricResolution.Raw && fromMs < nowMs - (long)settings.RawRetention.TotalMilliseconds)
                resolution = MetricResolution.Minute;
            if (resolution == MetricResolution.Minute && fromMs < nowMs - (long)settings.MinuteRetention.TotalMilliseconds)
                resolution = MetricResolution.Hour;
            var perPoint = (range + TargetPoints - 1) / TargetPoints;
            step = Math.Max(resolution.BucketMs, (perPoint + resolution.BucketMs - 1) / resolution.BucketMs * resolution.BucketMs);
        }
        var start = fromMs - ((fromMs % step) + step) % step;
        var end = toMs - ((toMs % step) + step) % step;
        if (end < toMs)
            end += step;
        var window = new QueryWindow(resolution, step, start, end);
        if (window.PointCount > MaxPoints)
            throw new ArgumentException($"That range at that step is {window.PointCount} points; the limit is {MaxPoints}. Use a larger step.", "step");
        return window;
    }
}
