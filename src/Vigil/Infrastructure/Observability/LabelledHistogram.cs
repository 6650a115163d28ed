using System.Collections.Concurrent;

namespace Vigil.Infrastructure.Observability;

/// <summary>A Prometheus histogram with one label, fixed buckets.</summary>
public sealed class LabelledHistogram(string name, string help, string labelName, double[] bounds)
{
    private readonly ConcurrentDictionary<string, Series> _series = new();

    public string Name { get; } = name;
    public string Help { get; } = help;
    public string LabelName { get; } = labelName;
    public IReadOnlyList<double> Bounds { get; } = bounds;

    public void Observe(string label, double value)
    {
        var series = _series.GetOrAdd(label, _ => new Series(bounds.Length));
        lock (series)
        {
            var index = Array.BinarySearch(bounds, value);
            if (index < 0)
                index = ~index;
            if (index < bounds.Length)
                series.Buckets[index]++;
            series.Count++;
            series.Sum += value;
        }
    }

    public IEnumerable<(string Label, long[] Cumulative, long Count, double Sum)> Snapshot()
    {
        foreach (var (label, series) in _series)
        {
            lock (series)
            {
                var cumulative = new long[series.Buckets.Length];
                long running = 0;
                for (var i = 0; i < cumulative.Length; i++)
                    cumulative[i] = running += series.Buckets[i];
                yield return (label, cumulative, series.Count, series.Sum);
            }
        }
    }

    private sealed class Series(int buckets)
    {
        public readonly long[] Buckets = new long[buckets];
        public long Count;
        public double Sum;
    }
}
