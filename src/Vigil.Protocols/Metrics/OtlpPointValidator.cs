namespace Vigil.Protocols.Metrics;

/// <summary>
/// The rules a data point must meet to be stored, shared by the protobuf and JSON readers: a value
/// that is a finite number, histogram buckets that match their bounds, quantiles within [0, 1].
/// Returns the typed point, or null with the reason.
/// </summary>
internal static class OtlpPointValidator
{
    // The spec's range for exponential histogram scales; beyond it base^i overflows or underflows.
    private const int MinScale = -10;
    private const int MaxScale = 20;

    public static OtlpDataPoint? Build(OtlpMetricType type, OtlpTemporality temporality, bool monotonic, OtlpPointDraft draft, out string? error)
    {
        error = CheckCommon(type, temporality, draft) ?? type switch
        {
            OtlpMetricType.Gauge or OtlpMetricType.Sum => CheckNumber(type, temporality, monotonic, draft),
            OtlpMetricType.Histogram => CheckHistogram(draft),
            OtlpMetricType.ExponentialHistogram => CheckExponential(draft),
            _ => CheckSummary(draft),
        };
        if (error is not null)
        {
            return null;
        }
        var attributes = draft.Attributes.ToArray();
        return type switch
        {
            OtlpMetricType.Gauge or OtlpMetricType.Sum =>
                new OtlpNumberPoint(attributes, draft.StartTimeUnixNano, draft.TimeUnixNano, draft.Value!.Value),
            OtlpMetricType.Histogram => new OtlpHistogramPoint(attributes, draft.StartTimeUnixNano, draft.TimeUnixNano,
                draft.Count, draft.Sum, draft.Min, draft.Max, draft.Bounds.ToArray(), draft.BucketCounts.ToArray()),
            OtlpMetricType.ExponentialHistogram => new OtlpExponentialHistogramPoint(attributes, draft.StartTimeUnixNano, draft.TimeUnixNano,
                draft.Count, draft.Sum, draft.Min, draft.Max, draft.Scale, draft.ZeroCount,
                draft.PositiveOffset, draft.PositiveCounts.ToArray(), draft.NegativeOffset, draft.NegativeCounts.ToArray()),
            _ => new OtlpSummaryPoint(attributes, draft.StartTimeUnixNano, draft.TimeUnixNano, draft.Count, draft.Sum ?? 0, draft.Quantiles.ToArray()),
        };
    }

    private static string? CheckCommon(OtlpMetricType type, OtlpTemporality temporality, OtlpPointDraft draft)
    {
        if (type is OtlpMetricType.Sum or OtlpMetricType.Histogram or OtlpMetricType.ExponentialHistogram
            && temporality is not (OtlpTemporality.Delta or OtlpTemporality.Cumulative))
        {
            return "aggregationTemporality must be DELTA (1) or CUMULATIVE (2)";
        }
        foreach (var (name, value) in new[] { ("sum", draft.Sum), ("min", draft.Min), ("max", draft.Max) })
        {
            if (value is { } v && !double.IsFinite(v))
            {
                return $"{name} must be a finite number";
            }
        }
        if (draft.Min is { } min && draft.Max is { } max && min > max)
        {
            return $"min {min} is greater than max {max}";
        }
        return null;
    }

    private static string? CheckNumber(OtlpMetricType type, OtlpTemporality temporality, bool monotonic, OtlpPointDraft draft)
    {
        if (draft.Value is not { } value)
        {
            return "the point has neither asDouble nor asInt";
        }
        if (!double.IsFinite(value))
        {
            return "the value must be a finite number";
        }
        if (type == OtlpMetricType.Sum && monotonic && value < 0)
        {
            return $"a monotonic sum cannot be negative ({value})";
        }
        return null;
    }

    private static string? CheckHistogram(OtlpPointDraft draft)
    {
        if (draft.BucketCounts.Count == 0)
        {
            return draft.Count == 0 ? null : "bucketCounts is empty but count is not 0";
        }
        if (draft.BucketCounts.Count != draft.Bounds.Count + 1)
        {
            return $"{draft.BucketCounts.Count} bucketCounts for {draft.Bounds.Count} explicitBounds (expected {draft.Bounds.Count + 1})";
        }
        for (var i = 0; i < draft.Bounds.Count; i++)
        {
            if (!double.IsFinite(draft.Bounds[i]) || (i > 0 && draft.Bounds[i] <= draft.Bounds[i - 1]))
            {
                return "explicitBounds must be finite and strictly increasing";
            }
        }
        return CheckTotal(draft.BucketCounts, 0, draft.Count);
    }

    private static string? CheckExponential(OtlpPointDraft draft)
    {
        if (draft.Scale is < MinScale or > MaxScale)
        {
            return $"scale {draft.Scale} is outside [{MinScale}, {MaxScale}]";
        }
        var total = draft.ZeroCount;
        foreach (var count in draft.NegativeCounts)
        {
            total += count;
        }
        return CheckTotal(draft.PositiveCounts, total, draft.Count);
    }

    private static string? CheckTotal(List<ulong> counts, ulong start, ulong expected)
    {
        var total = start;
        foreach (var count in counts)
        {
            total += count;
        }
        return total == expected ? null : $"the buckets hold {total} values but count is {expected}";
    }

    private static string? CheckSummary(OtlpPointDraft draft)
    {
        if (draft.Sum is { } sum && !double.IsFinite(sum))
        {
            return "sum must be a finite number";
        }
        foreach (var (quantile, value) in draft.Quantiles)
        {
            if (quantile is < 0 or > 1 || double.IsNaN(quantile))
            {
                return $"quantile {quantile} is outside [0, 1]";
            }
            if (!double.IsFinite(value))
            {
                return $"the value of quantile {quantile} must be a finite number";
            }
        }
        return null;
    }
}
