using System.Collections.Concurrent;

namespace Vigil.Features.Metrics.Otlp;

/// <summary>
/// Turns cumulative OTLP points (totals since a start time) into the deltas Vigil stores, one
/// remembered total per project and series, in memory.
/// <list type="bullet">
/// <item>A point with a new start time, or with a total below the previous one, is a counter
/// reset: the process restarted, so its whole total is new since then and is the delta.</item>
/// <item>The first point of a series whose start time is before this server started (or unknown)
/// is a baseline: its total was partly counted before Vigil was listening (or by a previous Vigil
/// process), so it yields nothing and the next point yields the difference — as Prometheus'
/// <c>rate</c> ignores a series' first sample. A series that started after the server did is
/// counted from zero, so its first total is the delta.</item>
/// </list>
/// The state is lost on restart, which costs one interval per series (the baseline), never a
/// double count. Series not seen for <see cref="IdleAfter"/> are forgotten when the table is full.
/// </summary>
public sealed class CumulativeTracker
{
    public const int MaxSeries = 500_000;
    public static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<(long Project, string Series), Entry> _entries = new();
    private readonly TimeProvider _clock;
    private readonly ulong _startedUnixNano;

    public CumulativeTracker(TimeProvider clock)
    {
        _clock = clock;
        _startedUnixNano = (ulong)clock.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000;
    }

    public int Count => _entries.Count;

    /// <summary>
    /// Records <paramref name="current"/> and returns what happened since the previous point, or
    /// null for a baseline. <paramref name="subtract"/> gives current − previous, or null when
    /// some part went down (a reset, so the whole current total is the delta).
    /// </summary>
    public T? Advance<T>(long projectId, string series, ulong startUnixNano, T current, Func<T, T, T?> subtract) where T : class
    {
        var now = _clock.GetTimestamp();
        var key = (projectId, series);
        T? delta = null;
        var isNew = false;
        _entries.AddOrUpdate(key,
            _ =>
            {
                isNew = true;
                return new Entry(startUnixNano, current, now);
            },
            (_, previous) =>
            {
                delta = previous.StartUnixNano == startUnixNano && previous.Total is T before ? subtract(before, current) ?? current : current;
                return new Entry(startUnixNano, current, now);
            });
        if (isNew)
        {
            delta = startUnixNano != 0 && startUnixNano >= _startedUnixNano ? current : null;
            if (_entries.Count > MaxSeries)
                ForgetIdle(now);
        }
        return delta;
    }

    private void ForgetIdle(long now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (_clock.GetElapsedTime(entry.SeenAt, now) > IdleAfter)
                _entries.TryRemove(key, out _);
        }
    }

    private sealed record Entry(ulong StartUnixNano, object Total, long SeenAt);
}
