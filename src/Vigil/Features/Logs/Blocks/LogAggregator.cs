using System.Runtime.InteropServices;
using Vigil.Features.Logs.Blocks.Evaluation;
using Vigil.Features.Logs.Query;
using Vigil.Protocols.LogQuery;

namespace Vigil.Features.Logs.Blocks;

/// <summary>
/// Answers <c>| aggregates by keys</c> over the events it is given, with the columns, cell types and
/// row order the SQL answered: group keys (bins as times, levels as names), then the aggregates;
/// rows by bin when there is one, else by the first aggregate, largest first; at most
/// <see cref="MaxRows"/>. One aggregator per query and thread: it is not thread-safe.
/// </summary>
public sealed class LogAggregator
{
    public const int MaxRows = 1000;

    private readonly GroupKeyReader[] _keys;
    private readonly AggregateCall[] _calls;
    private readonly EventField?[] _fields;
    private readonly Dictionary<GroupKeyValues, AggregateCell[]> _groups = [];

    /// <summary>Groups in the order they were first seen, so rows that tie keep a stable order.</summary>
    private readonly List<GroupKeyValues> _seen = [];

    public LogAggregator(Aggregation aggregation)
    {
        _keys = [.. aggregation.GroupBy.Select(k => new GroupKeyReader(k))];
        _calls = [.. aggregation.Calls];
        _fields = [.. _calls.Select(c => c.Field is null ? null : EventField.Resolve(c.Field))];
        if (_keys.Length == 0)
            Group(default); // without keys the answer is one row, even over no events
    }

    public void Add(StoredLogEvent ev)
    {
        var cells = Group(KeyOf(ev));
        for (var i = 0; i < _calls.Length; i++)
            Accumulate(ref cells[i], _calls[i].Function, _fields[i], ev);
    }

    public AggregateResult Result()
    {
        var columns = _keys.Select(k => k.Column).Concat(_calls.Select(c => c.Label)).ToList();
        var bin = Array.FindIndex(_keys, k => k.IsBin);
        IEnumerable<GroupKeyValues> groups = _seen;
        if (bin >= 0)
        {
            // By bin, then by the other keys, so rows come out the same however the events were read
            // (and as the per-minute counts answer: bin, then level).
            var ordered = _seen.OrderBy(key => key[bin].IsNull ? long.MinValue : key[bin].Number);
            for (var k = 0; k < _keys.Length; k++)
            {
                var index = k;
                if (index != bin)
                    ordered = ordered.ThenBy(key => key[index], KeyPartOrder.Instance);
            }
            groups = ordered;
        }
        var rows = groups.Select(key => Row(key, _groups[key]));
        if (bin < 0 && _keys.Length > 0)
            rows = rows.OrderByDescending(row => row[_keys.Length], FirstAggregateOrder.Instance);
        return new AggregateResult(columns, rows.Take(MaxRows).ToList());
    }

    private AggregateCell[] Group(GroupKeyValues key)
    {
        ref var cells = ref CollectionsMarshal.GetValueRefOrAddDefault(_groups, key, out var exists);
        if (!exists)
        {
            cells = new AggregateCell[_calls.Length];
            _seen.Add(key);
        }
        return cells!;
    }

    private GroupKeyValues KeyOf(StoredLogEvent ev) => _keys.Length switch
    {
        0 => default,
        1 => new GroupKeyValues(_keys[0].Read(ev), default, null),
        2 => new GroupKeyValues(_keys[0].Read(ev), _keys[1].Read(ev), null),
        _ => new GroupKeyValues(_keys[0].Read(ev), _keys[1].Read(ev), [.. _keys.Skip(2).Select(k => k.Read(ev))]),
    };

    private static void Accumulate(ref AggregateCell cell, AggregateFunction function, EventField? field, StoredLogEvent ev)
    {
        switch (function)
        {
            case AggregateFunction.Count:
                if (field is null || field.HasValue(ev))
                    cell.Count++;
                break;
            case AggregateFunction.CountDistinct:
                Span<char> buffer = stackalloc char[128];
                if (field!.TryText(ev, buffer, out var text))
                    cell.AddDistinct(text);
                break;
            default:
                // Numbers only: a JSON number property or a numeric column; text columns give none.
                if (field!.TryNumber(ev, out var number))
                    cell.AddNumber(number, function);
                break;
        }
    }

    private object?[] Row(GroupKeyValues key, AggregateCell[] cells)
    {
        var row = new object?[_keys.Length + _calls.Length];
        for (var i = 0; i < _keys.Length; i++)
            row[i] = _keys[i].Present(key[i]);
        for (var i = 0; i < _calls.Length; i++)
            row[_keys.Length + i] = cells[i].Value(_calls[i]);
        return row;
    }

    /// <summary>Numbers by value, and no value below every number, so it sorts last when largest
    /// comes first (SQLite's order; PostgreSQL put NULLs first in descending order).</summary>
    /// <summary>Nothing first, then numbers by value, then text by code point.</summary>
    private sealed class KeyPartOrder : IComparer<KeyPart>
    {
        public static readonly KeyPartOrder Instance = new();

        public int Compare(KeyPart x, KeyPart y) =>
            x.IsNull || y.IsNull ? y.IsNull.CompareTo(x.IsNull)
            : x.Text is null && y.Text is null ? x.Number.CompareTo(y.Number)
            : x.Text is null ? -1
            : y.Text is null ? 1
            : string.CompareOrdinal(x.Text, y.Text);
    }

    private sealed class FirstAggregateOrder : IComparer<object?>
    {
        public static readonly FirstAggregateOrder Instance = new();

        public int Compare(object? x, object? y) => (x, y) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            (long a, long b) => a.CompareTo(b),
            _ => Convert.ToDouble(x).CompareTo(Convert.ToDouble(y)),
        };
    }
}
