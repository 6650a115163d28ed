using System.Globalization;
using Vigil.Features.Metrics.Ingest;
using Vigil.Features.Metrics.Sketches;
using Vigil.Protocols.Metrics;

namespace Vigil.Features.Metrics.Otlp;

/// <summary>
/// Maps decoded OTLP metrics onto Vigil's series kinds (README, "Sending OpenTelemetry metrics"):
/// Gauge → gauge; monotonic Sum → counter (cumulative totals become deltas); non-monotonic Sum →
/// gauge when cumulative, counter when delta; Histogram and ExponentialHistogram → distribution
/// (buckets poured into a DDSketch at their midpoints); Summary → a gauge per quantile (tag
/// <c>quantile</c>) plus <c>&lt;name&gt;.count</c> and <c>&lt;name&gt;.sum</c> counters.
/// Each sample lands in the 10-second bucket its point's time falls in.
/// </summary>
public sealed class OtlpSampleMapper(CumulativeTracker tracker)
{
    public OtlpMappingResult Map(long projectId, OtlpMetricsBatch batch, DateTimeOffset receivedAt)
    {
        var run = new Run(projectId, tracker, receivedAt.ToUnixTimeMilliseconds());
        foreach (var metric in batch.Metrics)
        {
            foreach (var point in metric.Points)
                run.Add(metric, point);
        }
        return new OtlpMappingResult(run.Samples.ToList(), run.Rejected, run.FirstError, run.Baselines);
    }

    private sealed class Run(long projectId, CumulativeTracker tracker, long receivedAtMs)
    {
        public SampleAccumulator Samples { get; } = new();
        public int Rejected { get; private set; }
        public string? FirstError { get; private set; }
        public int Baselines { get; private set; }

        public void Add(OtlpMetric metric, OtlpDataPoint point)
        {
            var tags = SeriesTags.For(metric.Resource, point.Attributes);
            // Time 0 means the sender did not say; the receive time is the best stand-in.
            var atMs = point.TimeUnixNano == 0 ? receivedAtMs : (long)(point.TimeUnixNano / 1_000_000);
            switch (point)
            {
                case OtlpNumberPoint number:
                    AddNumber(metric, number, tags, atMs);
                    break;
                case OtlpHistogramPoint histogram:
                    AddHistogram(metric, histogram, tags, atMs);
                    break;
                case OtlpExponentialHistogramPoint exponential:
                    AddExponential(metric, exponential, tags, atMs);
                    break;
                case OtlpSummaryPoint summary:
                    AddSummary(metric, summary, tags, atMs);
                    break;
            }
        }

        private void AddNumber(OtlpMetric metric, OtlpNumberPoint point, List<KeyValuePair<string, string>> tags, long atMs)
        {
            var cumulative = metric.Temporality == OtlpTemporality.Cumulative;
            if (metric.Type == OtlpMetricType.Gauge || (cumulative && !metric.IsMonotonic))
            {
                var gauge = new MetricAggregate(MetricKind.Gauge);
                gauge.SetGauge(point.Value, atMs);
                Put(metric.Name, tags, atMs, gauge, metric.Unit);
                return;
            }
            var value = point.Value;
            if (cumulative)
            {
                var delta = Advance(metric.Name, tags, point.StartTimeUnixNano, new[] { value },
                    (before, now) => now[0] < before[0] ? null : [now[0] - before[0]]);
                if (delta is null)
                    return;
                value = delta[0];
            }
            var counter = new MetricAggregate(MetricKind.Counter);
            counter.AddCount(value);
            Put(metric.Name, tags, atMs, counter, metric.Unit);
        }

        private void AddHistogram(OtlpMetric metric, OtlpHistogramPoint point, List<KeyValuePair<string, string>> tags, long atMs)
        {
            // [count, sum, bucket 0 … bucket n]; every part but the sum only grows until a reset.
            var totals = new double[point.BucketCounts.Count + 2];
            totals[0] = point.Count;
            totals[1] = point.Sum ?? 0;
            for (var i = 0; i < point.BucketCounts.Count; i++)
                totals[i + 2] = point.BucketCounts[i];
            var counts = totals;
            if (metric.Temporality == OtlpTemporality.Cumulative)
            {
                counts = Advance(metric.Name, tags, point.StartTimeUnixNano, totals, SubtractHistogram)!;
                if (counts is null)
                    return;
            }
            var whole = ReferenceEquals(counts, totals); // not a difference: the point's min and max apply
            var mean = point.Sum is { } s && point.Count > 0 ? s / point.Count : (double?)null;
            var sketch = new DDSketch();
            for (var i = 2; i < counts.Length; i++)
            {
                if (counts[i] > 0)
                    sketch.Add(BucketRepresentatives.Explicit(point.Bounds, i - 2, point.Min, point.Max, mean), (long)counts[i]);
            }
            AddDistribution(metric, tags, atMs, sketch, counts[0], point.Sum is null ? null : counts[1], whole ? point.Min : null, whole ? point.Max : null);
        }

        private void AddExponential(OtlpMetric metric, OtlpExponentialHistogramPoint point, List<KeyValuePair<string, string>> tags, long atMs)
        {
            var totals = ExponentialCounts.From(point);
            var counts = totals;
            if (metric.Temporality == OtlpTemporality.Cumulative)
            {
                counts = Advance(metric.Name, tags, point.StartTimeUnixNano, totals, ExponentialCounts.Subtract)!;
                if (counts is null)
                    return;
            }
            var whole = ReferenceEquals(counts, totals);
            var sketch = new DDSketch();
            if (counts.Zero > 0)
                sketch.Add(0, (long)counts.Zero);
            foreach (var (index, count) in counts.Positive)
                sketch.Add(BucketRepresentatives.Exponential(counts.Scale, index, false, point.Min, point.Max), (long)count);
            foreach (var (index, count) in counts.Negative)
                sketch.Add(BucketRepresentatives.Exponential(counts.Scale, index, true, point.Min, point.Max), (long)count);
            AddDistribution(metric, tags, atMs, sketch, counts.Count, point.Sum is null ? null : counts.Sum, whole ? point.Min : null, whole ? point.Max : null);
        }

        private void AddDistribution(OtlpMetric metric, List<KeyValuePair<string, string>> tags, long atMs, DDSketch sketch,
            double count, double? sum, double? min, double? max)
        {
            if (count <= 0)
                return; // nothing was observed in this interval
            var aggregate = MetricAggregate.Restore(MetricKind.Distribution, count, sum ?? sketch.Sum,
                min ?? sketch.Min, max ?? sketch.Max, last: (sum ?? sketch.Sum) / count, lastAtMs: atMs, sketch, set: null);
            Put(metric.Name, tags, atMs, aggregate, metric.Unit);
        }

        private void AddSummary(OtlpMetric metric, OtlpSummaryPoint point, List<KeyValuePair<string, string>> tags, long atMs)
        {
            foreach (var (quantile, value) in point.Quantiles)
            {
                var gauge = new MetricAggregate(MetricKind.Gauge);
                gauge.SetGauge(value, atMs);
                var quantileTags = tags.Where(t => t.Key != "quantile")
                    .Append(new("quantile", quantile.ToString("R", CultureInfo.InvariantCulture)))
                    .OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
                Put(metric.Name, quantileTags, atMs, gauge, metric.Unit);
            }
            // Summaries' count and sum are totals since the start time (the spec has no delta summaries).
            var delta = Advance(metric.Name, tags, point.StartTimeUnixNano, new[] { point.Count, point.Sum },
                (before, now) => now[0] < before[0] ? null : [now[0] - before[0], now[1] - before[1]]);
            if (delta is null)
                return;
            var count = new MetricAggregate(MetricKind.Counter);
            count.AddCount(delta[0]);
            Put(metric.Name + ".count", tags, atMs, count, null);
            var sum = new MetricAggregate(MetricKind.Counter);
            sum.AddCount(delta[1]);
            Put(metric.Name + ".sum", tags, atMs, sum, metric.Unit);
        }

        private static double[]? SubtractHistogram(double[] before, double[] now)
        {
            if (before.Length != now.Length)
                return null; // the bounds changed: only a restarted SDK does that
            var delta = new double[now.Length];
            for (var i = 0; i < now.Length; i++)
            {
                delta[i] = now[i] - before[i];
                if (i != 1 && delta[i] < 0)
                    return null;
            }
            return delta;
        }

        private T? Advance<T>(string name, List<KeyValuePair<string, string>> tags, ulong start, T totals, Func<T, T, T?> subtract) where T : class
        {
            var delta = tracker.Advance(projectId, SeriesTags.Key(name, tags), start, totals, subtract);
            if (delta is null)
                Baselines++;
            return delta;
        }

        private void Put(string name, List<KeyValuePair<string, string>> tags, long atMs, MetricAggregate value, string? unit)
        {
            if (Samples.Add(name, tags, atMs, value, unit))
                return;
            Rejected++;
            FirstError ??= $"metric '{name}' was sent with two different types in one request; the second was rejected";
        }
    }
}
