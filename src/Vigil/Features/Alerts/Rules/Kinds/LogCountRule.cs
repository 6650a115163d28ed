using System.Globalization;
using System.Text.Json.Nodes;
using Vigil.Features.Logs.Query;
using Vigil.Features.Logs.Storage;
using Vigil.Protocols.LogQuery;

namespace Vigil.Features.Alerts.Rules.Kinds;

/// <summary><c>log_count</c>: how many log events match <c>query</c> (the Logs query language) in the last
/// <c>minutes</c>, compared (<c>comparison</c>, default &gt;=) with <c>threshold</c>.</summary>
public sealed class LogCountRule(LogStore logs) : RuleKind
{
    private static readonly Aggregation Count = new([new AggregateCall(AggregateFunction.Count, null, null, 0)], []);

    public override string Name => "log_count";

    public override string Description => "Log events matching a query in a window, compared with a threshold.";

    public override bool IsPeriodic => true;

    public override string? Validate(JsonObject parameters)
    {
        var error = RuleParameters.String(parameters, "query", required: false)
            ?? RuleParameters.Number(parameters, "threshold", 0, 1e12)
            ?? RuleParameters.Number(parameters, "minutes", 1, 7 * 24 * 60)
            ?? RuleParameters.OneOf(parameters, "comparison", Comparison.All);
        if (error is not null)
            return error;
        var parsed = QueryParser.Parse(RuleParameters.Text(parameters, "query"));
        if (!parsed.IsSuccess)
            return $"parameters.query: {parsed.Error!.Message} (at {parsed.Error.Position}).";
        return parsed.Query!.Aggregation is null ? null : "parameters.query: a filter only; the rule counts the matches itself.";
    }

    public override async Task<RuleOutcome> EvaluateAsync(AlertRule rule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var text = RuleParameters.Text(rule.Parameters, "query") ?? "";
        var minutes = RuleParameters.Long(rule.Parameters, "minutes") ?? 1;
        var threshold = RuleParameters.Double(rule.Parameters, "threshold") ?? 0;
        var comparison = RuleParameters.Text(rule.Parameters, "comparison") ?? ">=";
        var parsed = QueryParser.Parse(text);
        if (!parsed.IsSuccess)
            return RuleOutcome.Unavailable($"query does not parse: {parsed.Error!.Message}");
        long count;
        try
        {
            var result = await logs.AggregateAsync(rule.ProjectId, Count, parsed.Query!.Filter, TimeRange.Last(TimeSpan.FromMinutes(minutes), now), cancellationToken);
            count = result.Rows.Count == 0 || result.Rows[0][0] is null ? 0 : Convert.ToInt64(result.Rows[0][0], CultureInfo.InvariantCulture);
        }
        catch (LogQueryException failure)
        {
            return RuleOutcome.Unavailable($"query failed: {failure.Message}");
        }
        var observed = $"{count} events matching '{text}' in the last {minutes} minutes";
        var limit = RuleParameters.Format(threshold);
        if (Comparison.Holds(comparison, count, threshold))
        {
            return RuleOutcome.Fire(rule.DedupKey, rule.Name, $"{observed} ({comparison} {limit})", new Dictionary<string, string>
            {
                ["query"] = text,
                ["count"] = count.ToString(CultureInfo.InvariantCulture),
                ["condition"] = $"{comparison} {limit} in {minutes} min",
            });
        }
        return RuleOutcome.Clear(rule.DedupKey, $"condition cleared: {observed}, {Comparison.Negation(comparison)} {limit}");
    }
}
