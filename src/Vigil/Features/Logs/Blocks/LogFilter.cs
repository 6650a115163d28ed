using System.Globalization;
using Vigil.Features.Logs.Blocks.Evaluation;
using Vigil.Features.Logs.Query;
using Vigil.Protocols.LogQuery;
using Vigil.Protocols.Logs;

namespace Vigil.Features.Logs.Blocks;

/// <summary>
/// A query's filter, compiled once and then asked of each event a block holds. Its answers are the
/// ones the SQL gave (SQLite's where the engines differed, unless noted on the condition): a leaf on
/// a missing value is false and <c>not</c> of it true; numbers compare only with JSON numbers; text
/// compares ignoring case. Immutable, so one filter may serve several threads.
/// </summary>
public sealed class LogFilter
{
    private readonly EventCondition _condition;

    /// <summary>Every level (bits 0–5, trace to fatal).</summary>
    public const int AnyLevel = (1 << 6) - 1;

    private LogFilter(EventCondition condition, IReadOnlyList<string> requiredWords, int requiredLevels)
    {
        _condition = condition;
        RequiredWords = requiredWords;
        RequiredLevels = requiredLevels;
    }

    /// <summary>Lower-cased words (LogTokens) that every matching event holds among the words its
    /// block's token filter indexes, so a block or line lacking one cannot match. Those are taken to
    /// be the searchable text (what free text searches) plus the trace and span ids. Empty when
    /// nothing is certain: or, not, like, in and ranges promise no word.</summary>
    public IReadOnlyList<string> RequiredWords { get; }

    /// <summary>The levels a matching event may have, a bit per level as a block's <c>levels</c> holds
    /// them: a block with none of them cannot match. <see cref="AnyLevel"/> unless the query's
    /// conjunctions compare the level (<c>level = 'error'</c>, <c>level >= warning</c>, <c>level in [..]</c>).</summary>
    public int RequiredLevels { get; }

    /// <exception cref="LogQueryException">a level or time literal that means nothing</exception>
    public static LogFilter Compile(QueryNode? node)
    {
        var words = new List<string>();
        Require(node, words);
        var condition = Condition(node);
        return new LogFilter(condition, words.Distinct(StringComparer.Ordinal).ToList(), Levels(node));
    }

    public bool Matches(StoredLogEvent ev) => _condition.Matches(ev);

    private static EventCondition Condition(QueryNode? node) => node switch
    {
        null => ConstantCondition.True,
        AndNode and => new AndCondition(Condition(and.Left), Condition(and.Right)),
        OrNode or => new OrCondition(Condition(or.Left), Condition(or.Right)),
        NotNode not => new NotCondition(Condition(not.Operand)),
        TextNode text => LogTokens.Split(text.Text) is { Count: > 0 } words ? new PhraseCondition(words) : ConstantCondition.True,
        HasNode has => new HasCondition(EventField.Resolve(has.Field)),
        CompareNode compare => Compare(EventField.Resolve(compare.Field), compare.Operator, compare.Value),
        LikeNode like => new LikeCondition(EventField.Resolve(like.Field), new LikePattern(like.Pattern), like.Negated),
        InNode @in => In(@in),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    /// <summary>An OR of the equalities; <c>not in</c> is NOT of it, so it holds for a missing value.</summary>
    private static EventCondition In(InNode node)
    {
        var field = EventField.Resolve(node.Field);
        var any = node.Values.Count == 0
            ? ConstantCondition.False
            : node.Values.Select(v => Compare(field, CompareOperator.Equal, v)).Aggregate((a, b) => new OrCondition(a, b));
        return node.Negated ? new NotCondition(any) : any;
    }

    private static EventCondition Compare(EventField field, CompareOperator op, Literal value)
    {
        switch (field.Kind)
        {
            case EventFieldKind.Level:
                return new NumberCondition(field, op, LevelNumber(value));
            case EventFieldKind.Timestamp:
                return new NumberCondition(field, op, TimestampMs(value));
            case EventFieldKind.Number:
                if (value.Kind == LiteralKind.Null)
                    return new NullCondition(field, op != CompareOperator.NotEqual);
                // The SQL compared pid with a text literal's Number, always 0; '1234' meaning 1234 is what a person means.
                return value.Kind == LiteralKind.Number
                    ? new NumberCondition(field, op, value.Number)
                    : double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                        ? new NumberCondition(field, op, number)
                        : ConstantCondition.False;
            case EventFieldKind.Text:
                return value.Kind == LiteralKind.Null
                    ? new NullCondition(field, op != CompareOperator.NotEqual)
                    : new TextCompareCondition(field, op, LiteralText(value));
        }
        return value.Kind switch
        {
            LiteralKind.Null => new NullCondition(field, op != CompareOperator.NotEqual),
            LiteralKind.Number => new NumberCondition(field, op, value.Number),
            LiteralKind.Boolean when op is CompareOperator.Equal or CompareOperator.NotEqual =>
                new BooleanCondition(field, value.Number != 0, op == CompareOperator.NotEqual),
            _ => new TextCompareCondition(field, op, LiteralText(value)),
        };
    }

    /// <summary>
    /// Collects the words a match must hold. Only conjunctions add up: each side of an OR may match
    /// without the other's words, and NOT, like, in and ranges promise nothing. An equality promises
    /// its literal's words where the field's value is among the searchable words and equal values
    /// have equal words: the text columns but the template (not indexed), and properties, except a
    /// literal that could equal an object's or array's JSON text, whose names are not words.
    /// </summary>
    private static void Require(QueryNode? node, List<string> words)
    {
        switch (node)
        {
            case AndNode and:
                Require(and.Left, words);
                Require(and.Right, words);
                break;
            case TextNode text:
                words.AddRange(LogTokens.Split(text.Text));
                break;
            case CompareNode { Operator: CompareOperator.Equal } compare:
                words.AddRange(EqualityWords(compare));
                break;
        }
    }

    /// <summary>The levels a match may have: conjunctions intersect, a level comparison or <c>in</c>
    /// keeps the levels it holds for, anything else (or, not, other fields) promises nothing.</summary>
    private static int Levels(QueryNode? node)
    {
        switch (node)
        {
            case AndNode and:
                return Levels(and.Left) & Levels(and.Right);
            case CompareNode compare when EventField.Resolve(compare.Field).Kind == EventFieldKind.Level:
                return LevelsWhere(compare.Operator, LevelNumber(compare.Value));
            case InNode { Negated: false } @in when EventField.Resolve(@in.Field).Kind == EventFieldKind.Level:
                return @in.Values.Aggregate(0, (mask, value) => mask | LevelsWhere(CompareOperator.Equal, LevelNumber(value)));
            default:
                return AnyLevel;
        }
    }

    private static int LevelsWhere(CompareOperator op, int level)
    {
        var mask = 0;
        for (var candidate = 0; candidate < 6; candidate++)
        {
            var holds = op switch
            {
                CompareOperator.Equal => candidate == level,
                CompareOperator.NotEqual => candidate != level,
                CompareOperator.Less => candidate < level,
                CompareOperator.LessOrEqual => candidate <= level,
                CompareOperator.Greater => candidate > level,
                CompareOperator.GreaterOrEqual => candidate >= level,
                _ => true,
            };
            if (holds)
                mask |= 1 << candidate;
        }
        return mask;
    }

    private static IEnumerable<string> EqualityWords(CompareNode compare)
    {
        var field = EventField.Resolve(compare.Field);
        var value = compare.Value;
        if (field.Kind == EventFieldKind.Text && value.Kind == LiteralKind.String && field.WordsAreIndexed)
            return LogTokens.Split(value.Text);
        if (field.Kind != EventFieldKind.Property)
            return [];
        return value.Kind switch
        {
            LiteralKind.String when value.Text!.TrimStart() is not ['{' or '[', ..] => LogTokens.Split(value.Text),
            // In exponent form (1.2345678901234567E+19) the literal's words need not be in the line,
            // which keeps a large integer's digits as sent: such a number requires nothing.
            LiteralKind.Number when LogTokens.NumberText(value.Number) is var text && !text.Contains('E') => LogTokens.Split(text),
            LiteralKind.Boolean => [value.Number != 0 ? "true" : "false"],
            _ => [],
        };
    }

    private static string LiteralText(Literal value) =>
        value.Text ?? value.Number.ToString(CultureInfo.InvariantCulture);

    /// <summary>Level names (error, warn, Information …) or their numbers 0–5.</summary>
    private static int LevelNumber(Literal value) => value.Kind == LiteralKind.Number
        ? (int)value.Number
        : (int)(LogLevels.FromName(value.Text) ?? throw new LogQueryException($"'{value.Text}' is not a level: use trace, debug, info, warning, error or fatal"));

    private static long TimestampMs(Literal value) => value.Kind == LiteralKind.Number
        ? (long)value.Number
        : DateTimeOffset.TryParse(value.Text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUnixTimeMilliseconds()
            : throw new LogQueryException($"'{value.Text}' is not a time: use ISO 8601 such as 2026-11-21T10:00:00Z");
}
