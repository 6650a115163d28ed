using Vigil.Features.Logs.Blocks;
using Vigil.Protocols.Logs;
using static Vigil.Tests.Features.Logs.Blocks.StoredEvents;

namespace Vigil.Tests.Features.Logs.Blocks;

/// <summary>The in-memory aggregation gives the table the SQL gave (LogAggregateCompiler and
/// ResultValues over SQLite): same columns, cell types and row order.</summary>
public sealed class LogAggregatorTests
{
    private static LogAggregator Aggregate(string query, params StoredLogEvent[] events)
    {
        var aggregator = new LogAggregator(Parse(query).Aggregation!);
        foreach (var ev in events)
            aggregator.Add(ev);
        return aggregator;
    }

    private static List<object?[]> Rows(string query, params StoredLogEvent[] events) => [.. Aggregate(query, events).Result().Rows];

    [Fact]
    public void CountByAKeyGroupsAndSortsByCountLargestFirst()
    {
        var result = Aggregate("| count() by @service",
            new StoredLogEvent { Service = "b" }, new StoredLogEvent { Service = "a" }, new StoredLogEvent { Service = "c" },
            new StoredLogEvent { Service = "a" }, new StoredLogEvent { Service = "c" }, new StoredLogEvent { Service = "a" }).Result();
        Assert.Equal(["@service", "count"], result.Columns);
        Assert.Equal([["a", 3L], ["c", 2L], ["b", 1L]], result.Rows);
    }

    [Fact]
    public void WithoutKeysTheAnswerIsOneRowEvenOverNoEvents()
    {
        var result = Aggregate("| count(), count(x), count_distinct(x), min(x), max(x), avg(x), sum(x), p95(x)").Result();
        Assert.Equal(["count", "count(x)", "count_distinct(x)", "min(x)", "max(x)", "avg(x)", "sum(x)", "p95(x)"], result.Columns);
        Assert.Equal([[0L, 0L, 0L, null, null, null, null, null]], result.Rows);
        Assert.Empty(Aggregate("| count() by x").Result().Rows);
    }

    [Fact]
    public void CountOfAFieldCountsEventsWhereItHasAValue()
    {
        var rows = Rows("| count(x), count(@host), count(@message), count()",
            With("""{"x": 1}"""), With("""{"x": null}"""), With("""{"x": ""}"""), With("""{"y": 1}"""), new StoredLogEvent { Host = "h" });
        Assert.Equal([[2L, 1L, 5L, 5L]], rows);
    }

    [Fact]
    public void CountDistinctCountsDifferentTextFormsExactly()
    {
        var rows = Rows("| count_distinct(customer), count_distinct(level)",
            With("""{"customer": "Alice"}"""), With("""{"customer": "alice"}"""), With("""{"customer": "Alice"}"""),
            With("""{"customer": 5}"""), With("""{"customer": "5"}"""), With("""{"customer": null}"""), With("{}", level: LogLevel.Error));
        // "5" and 5 share a text form, as CAST(... AS TEXT) made them; case is kept, as GROUP BY kept it.
        Assert.Equal([[3L, 2L]], rows);
    }

    [Fact]
    public void NumericAggregatesReadJsonNumbersOnly()
    {
        var events = new[]
        {
            With("""{"elapsed": 100}"""), With("""{"elapsed": 400}"""), With("""{"elapsed": "300"}"""),
            With("""{"elapsed": true}"""), With("""{"elapsed": null}"""), With("{}"),
        };
        var row = Assert.Single(Rows("| min(elapsed), max(elapsed), avg(elapsed), sum(elapsed), p50(elapsed), count(elapsed)", events));
        Assert.Equal([100L, 400L, 250.0, 500L, 250.0, 4L], row);
        Assert.IsType<long>(row[0]);
        Assert.IsType<long>(row[3]);
        Assert.IsType<double>(row[2]);
        Assert.IsType<double>(row[4]);
    }

    [Fact]
    public void ARealAmongTheNumbersMakesSumMinAndMaxReal()
    {
        var row = Assert.Single(Rows("| sum(x), min(x), max(x)", With("""{"x": 1}"""), With("""{"x": 2.5}"""), With("""{"x": 5e0}""")));
        Assert.Equal([8.5, 1L, 5.0], row);
        Assert.IsType<double>(row[2]); // 5e0 is a real, as json_extract read it
    }

    [Fact]
    public void AnIntegerSumThatOverflowsBecomesReal()
    {
        var row = Assert.Single(Rows("| sum(x)", With($$"""{"x": {{long.MaxValue}}}"""), With("""{"x": 1}""")));
        Assert.Equal((double)long.MaxValue + 1, Assert.IsType<double>(row[0]));
        Assert.Equal(-2L, Assert.Single(Rows("| sum(x)", With("""{"x": -1}"""), With("""{"x": -1}""")))[0]);
    }

    [Fact]
    public void ColumnsAggregateAsNumbersExceptTextColumns()
    {
        var rows = Rows("| max(level), min(@t), sum(pid), max(@message), min(@service)",
            new StoredLogEvent { Level = LogLevel.Error, Timestamp = 2000, Pid = 7, Message = "z", Service = "a" },
            new StoredLogEvent { Level = LogLevel.Debug, Timestamp = 1000, Message = "y" });
        Assert.Equal([[4L, 1000L, 7L, null, null]], rows);
    }

    [Fact]
    public void PercentilesInterpolateBetweenTheTwoNearestValues()
    {
        var events = Enumerable.Range(1, 100).Reverse().Select(i => With($$"""{"Elapsed": {{i}}}""")).ToArray();
        Assert.Equal([[50.5, 95.05, 1.0, 100.0, 25.75]], Rows("| p50(Elapsed), percentile(Elapsed, 95), p0(Elapsed), p100(Elapsed), p25(Elapsed)", events)
            .Select(r => r.Select(c => (object?)Math.Round((double)c!, 10)).ToArray()));
        Assert.Equal([[7.0, 7.0]], Rows("| p10(x), p99.9(x)", With("""{"x": 7}""")));
        Assert.Equal([[2.5]], Rows("| p75(x)", With("""{"x": 1}"""), With("""{"x": 3}"""), With("""{"x": "9"}""")));
    }

    [Fact]
    public void BinsGroupByTheStartOfTheirIntervalAndSortByTime()
    {
        var result = Aggregate("| count() by bin(1m)",
            With(timestamp: 180_000), With(timestamp: 59_999), With(timestamp: 60_000), With(timestamp: 0), With(timestamp: 119_999)).Result();
        Assert.Equal(["time", "count"], result.Columns);
        Assert.Equal([
            [DateTimeOffset.FromUnixTimeMilliseconds(0), 2L],
            [DateTimeOffset.FromUnixTimeMilliseconds(60_000), 2L],
            [DateTimeOffset.FromUnixTimeMilliseconds(180_000), 1L],
        ], result.Rows);
    }

    [Fact]
    public void LevelKeysReadAsNamesAndABinOrdersRowsWhateverItsPlace()
    {
        var result = Aggregate("| count() by level, bin(1s)",
            With(level: LogLevel.Error, timestamp: 2500), With(level: LogLevel.Warning, timestamp: 1000),
            With(level: LogLevel.Error, timestamp: 2000), With(level: LogLevel.Information, timestamp: 0)).Result();
        Assert.Equal(["level", "time", "count"], result.Columns);
        Assert.Equal([
            ["info", DateTimeOffset.FromUnixTimeMilliseconds(0), 1L],
            ["warning", DateTimeOffset.FromUnixTimeMilliseconds(1000), 1L],
            ["error", DateTimeOffset.FromUnixTimeMilliseconds(2000), 2L],
        ], result.Rows);
    }

    [Fact]
    public void ManyKeysGroupByAllOfThem()
    {
        var rows = Rows("| count() by a, b, c, d",
            With("""{"a": 1, "b": 2, "c": 3, "d": 4}"""), With("""{"a": 1, "b": 2, "c": 3, "d": 5}"""),
            With("""{"a": 1, "b": 2, "c": 3, "d": 4}"""), With("""{"a": 1, "b": 2, "c": 9, "d": 4}"""));
        Assert.Equal([["1", "2", "3", "4", 2L], ["1", "2", "3", "5", 1L], ["1", "2", "9", "4", 1L]], rows);
    }

    [Fact]
    public void PropertyKeysAreTheirTextFormAndAMissingOneIsANullKey()
    {
        var rows = Rows("| count() by k",
            With("""{"k": 5.0}"""), With("""{"k": true}"""), With("""{"k": null}"""), With("{}"), With("""{"k": {"a": 1}}"""), With("""{"k": "5.0"}"""));
        Assert.Equal([["5.0", 2L], [null, 2L], ["true", 1L], ["""{"a": 1}""", 1L]], rows);
    }

    [Fact]
    public void NumericColumnKeysStayNumbers()
    {
        var rows = Rows("| count() by pid, @t", new StoredLogEvent { Pid = 7, Timestamp = 5 }, new StoredLogEvent { Timestamp = 5 });
        Assert.Equal([[7L, 5L, 1L], [null, 5L, 1L]], rows);
    }

    [Fact]
    public void AGroupWithoutAValueForTheFirstAggregateSortsLast()
    {
        var rows = Rows("| max(x) by k",
            With("""{"k": "none"}"""), With("""{"k": "small", "x": 1}"""), With("""{"k": "big", "x": 2.5}"""));
        Assert.Equal([["big", 2.5], ["small", 1L], ["none", null]], rows);
    }

    [Fact]
    public void AtMostAThousandRowsAnswerKeepingTheLargestGroups()
    {
        var events = Enumerable.Range(0, 1500).Select(i => With($$"""{"k": "g{{i}}"}""")).ToList();
        events.AddRange(Enumerable.Range(1490, 10).Select(i => With($$"""{"k": "g{{i}}"}""")));
        var rows = Rows("| count() by k", [.. events]);
        Assert.Equal(1000, rows.Count);
        Assert.Equal(Enumerable.Range(1490, 10).Select(i => $"g{i}"), rows.Take(10).Select(r => (string)r[0]!));
        Assert.All(rows.Skip(10), r => Assert.Equal(1L, r[1]));
    }

    [Fact]
    public void AtMostAThousandBinsAnswerTheEarliest()
    {
        var events = Enumerable.Range(0, 1200).Reverse().Select(i => With(timestamp: i * 1000L)).ToArray();
        var rows = Rows("| count() by bin(1s)", events);
        Assert.Equal(1000, rows.Count);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(999_000), rows[^1][0]);
    }
}
