namespace Vigil.Features.Metrics.Storage;

/// <summary>Which stored columns a read needs; the others are not read, and blobs not deserialized.</summary>
[Flags]
public enum PointColumns
{
    None = 0,
    Count = 1,
    Sum = 2,
    Min = 4,
    Max = 8,
    /// <summary>last and last_at.</summary>
    Last = 16,
    Sketch = 32,
    Set = 64,
    All = Count | Sum | Min | Max | Last | Sketch | Set,
}
