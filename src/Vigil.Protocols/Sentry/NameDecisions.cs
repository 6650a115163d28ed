namespace Vigil.Protocols.Sentry;

/// <summary>
/// Remembers the scrub decision for property names as they appear in the input (raw UTF-8), so the
/// names every frame and breadcrumb repeat are decided by one byte comparison instead of being
/// decoded and looked up each time. A lock-free table where the first name to hash to a slot keeps
/// it: the names of the first events (the ones every event repeats) stay, names that come and go
/// cost no allocation after their slot is taken, and a miss only costs the full decision, never a wrong one.
/// </summary>
internal sealed class NameDecisions
{
    private const int Slots = 1024;
    private const int MaxName = 32;
    private readonly Entry?[] _entries = new Entry?[Slots];

    public bool TryGet(ReadOnlySpan<byte> name, out ScrubMode mode)
    {
        var entry = Volatile.Read(ref _entries[Slot(name)]);
        if (entry is not null && name.SequenceEqual(entry.Name))
        {
            mode = entry.Mode;
            return true;
        }
        mode = default;
        return false;
    }

    public void Remember(ReadOnlySpan<byte> name, ScrubMode mode)
    {
        var slot = Slot(name);
        if (name.Length <= MaxName && Volatile.Read(ref _entries[slot]) is null)
        {
            Interlocked.CompareExchange(ref _entries[slot], new Entry(name.ToArray(), mode), null);
        }
    }

    private static int Slot(ReadOnlySpan<byte> name)
    {
        // FNV-1a: names are short, and the table only has to spread the few dozen an SDK uses.
        var hash = 2166136261u;
        foreach (var b in name)
        {
            hash = (hash ^ b) * 16777619u;
        }
        return (int)(hash & (Slots - 1));
    }

    private sealed record Entry(byte[] Name, ScrubMode Mode);
}
