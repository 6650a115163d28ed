namespace Vigil.Protocols.LogQuery;

/// <summary>What follows the pipe: <c>count(), avg(Elapsed) by RequestPath, bin(1m)</c>.</summary>
public sealed record Aggregation(IReadOnlyList<AggregateCall> Calls, IReadOnlyList<GroupKey> GroupBy);

public enum AggregateFunction
{
    Count,
    CountDistinct,
    Min,
    Max,
    Avg,
    Sum,
    Percentile,
}

/// <summary>One aggregate; <see cref="Field"/> is null for count(); <see cref="Argument"/> is the percentile (0–100).</summary>
public sealed record AggregateCall(AggregateFunction Function, FieldPath? Field, double? Argument, int Position)
{
    public string Label => Function switch
    {
        AggregateFunction.Count => Field is null ? "count" : $"count({Field})",
        AggregateFunction.CountDistinct => $"count_distinct({Field})",
        AggregateFunction.Percentile => $"p{Argument}({Field})",
        _ => $"{Function.ToString().ToLowerInvariant()}({Field})",
    };
}

/// <summary>A group-by key: a property, or a time bin of <see cref="Bin"/> width.</summary>
public sealed record GroupKey(FieldPath? Field, TimeSpan? Bin)
{
    public string Label => Field?.Name ?? $"bin({Bin})";
}

/// <summary>A parsed query: an optional filter (null matches everything) and an optional aggregation.</summary>
public sealed record Query(QueryNode? Filter, Aggregation? Aggregation);

public sealed record QueryParseResult(Query? Query, ParseError? Error)
{
    public bool IsSuccess => Error is null;
}
