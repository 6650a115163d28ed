using System.Collections.Concurrent;

namespace Vigil.Infrastructure.Observability;

/// <summary>A Prometheus counter with up to two label values.</summary>
public sealed class LabelledCounter(string name, string help, params string[] labelNames)
{
    private readonly ConcurrentDictionary<(string, string), Cell> _values = new();

    public string Name { get; } = name;
    public string Help { get; } = help;
    public IReadOnlyList<string> LabelNames { get; } = labelNames;

    public void Add(string label1, string label2 = "", long amount = 1)
    {
        var box = _values.GetOrAdd((label1, label2), static _ => new Cell());
        Interlocked.Add(ref box.Value, amount);
    }

    public long Get(string label1, string label2 = "") =>
        _values.TryGetValue((label1, label2), out var box) ? Interlocked.Read(ref box.Value) : 0;

    public IEnumerable<(string Label1, string Label2, long Value)> Snapshot() =>
        _values.Select(pair => (pair.Key.Item1, pair.Key.Item2, Interlocked.Read(ref pair.Value.Value)));

    private sealed class Cell
    {
        public long Value;
    }
}
