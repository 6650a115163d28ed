using Vigil.Protocols.LogQuery;

namespace Vigil.Features.Logs.Blocks.Evaluation;

/// <summary>The running state of one aggregate in one group. One struct serves every function so a
/// group's cells are a single array; each function uses only its own fields.</summary>
internal struct AggregateCell
{
    /// <summary>count(), count(x), or how many numbers were added.</summary>
    public long Count;

    private double _sum;
    private long _integerSum;
    private bool _sumIsReal;
    private NumberValue _min;
    private NumberValue _max;
    private HashSet<string>? _distinct;
    private List<double>? _values;

    public void AddNumber(NumberValue value, AggregateFunction function)
    {
        if (Count == 0 || value.CompareTo(_min) < 0)
            _min = value;
        if (Count == 0 || value.CompareTo(_max) > 0)
            _max = value;
        Count++;
        _sum += value.Double;
        // SQLite summed integers as integers, going real at the first real (or on overflow, where it failed).
        if (!_sumIsReal && value.IsInteger && !Overflows(_integerSum, value.Long, out var sum))
            _integerSum = sum;
        else
            _sumIsReal = true;
        if (function == AggregateFunction.Percentile)
            (_values ??= []).Add(value.Double);
    }

    public void AddDistinct(ReadOnlySpan<char> text)
    {
        _distinct ??= new HashSet<string>(StringComparer.Ordinal);
        var lookup = _distinct.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.Contains(text))
            lookup.Add(text);
    }

    private static bool Overflows(long a, long b, out long sum)
    {
        sum = unchecked(a + b);
        return ((a ^ sum) & (b ^ sum)) < 0;
    }

    /// <summary>The cell as the SQL answered it: counts as long, avg and percentiles as double,
    /// min, max and sum as long when every number was an integer; null when there were no numbers.</summary>
    public readonly object? Value(AggregateCall call) => call.Function switch
    {
        AggregateFunction.Count => Count,
        AggregateFunction.CountDistinct => (long)(_distinct?.Count ?? 0),
        _ when Count == 0 => null,
        AggregateFunction.Min => _min.Boxed,
        AggregateFunction.Max => _max.Boxed,
        AggregateFunction.Sum => _sumIsReal ? _sum : (object)_integerSum,
        AggregateFunction.Avg => _sum / Count,
        _ => Percentile.Interpolate(_values!, call.Argument ?? 50),
    };
}
