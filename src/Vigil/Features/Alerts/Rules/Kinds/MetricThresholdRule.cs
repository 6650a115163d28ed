using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Vigil.Features.Alerts.Rules.Kinds;

/// <summary><c>metric_threshold</c>: the series over the last <c>windowMinutes</c> (default 5) compared with
/// <c>threshold</c>; fires once the condition has held for <c>forMinutes</c> (default 0) — Prometheus' "for".</summary>
public sealed class MetricThresholdRule(IServiceProvider services) : MetricRule(services)
{
    // When each rule's condition started to hold; a restart only restarts the "for" wait.
    private readonly ConcurrentDictionary<long, DateTimeOffset> _pendingSince = new();

    public override string Name => "metric_threshold";

    public override string Description => "A metric over a window compared with a threshold, for a duration.";

    public override string? Validate(JsonObject parameters) =>
        ValidateSeries(parameters)
        ?? RuleParameters.Number(parameters, "threshold", double.MinValue, double.MaxValue)
        ?? RuleParameters.OneOf(parameters, "comparison", Comparison.All)
        ?? RuleParameters.Number(parameters, "windowMinutes", 1, 24 * 60, required: false)
        ?? RuleParameters.Number(parameters, "forMinutes", 0, 24 * 60, required: false);

    public override async Task<RuleOutcome> EvaluateAsync(AlertRule rule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (Metrics is not { } metrics)
            return Unavailable();
        var window = RuleParameters.Long(rule.Parameters, "windowMinutes") ?? 5;
        var forMinutes = RuleParameters.Long(rule.Parameters, "forMinutes") ?? 0;
        var threshold = RuleParameters.Double(rule.Parameters, "threshold")!.Value;
        var comparison = RuleParameters.Text(rule.Parameters, "comparison") ?? ">=";
        var to = now.ToUnixTimeMilliseconds();
        var from = now.AddMinutes(-window).ToUnixTimeMilliseconds();
        var result = await metrics.QueryAsync(Query(rule, from, to, to - from), cancellationToken);
        var value = Combine(result, RuleParameters.Text(rule.Parameters, "aggregation") ?? "avg");
        var limit = RuleParameters.Format(threshold);
        if (value is null)
        {
            _pendingSince.TryRemove(rule.Id, out _);
            return RuleOutcome.Clear(rule.DedupKey, $"condition cleared: no data for {Series(rule)} in the last {window} minutes");
        }
        var observed = $"{Series(rule)} = {RuleParameters.Format(value.Value)} over the last {window} minutes";
        if (!Comparison.Holds(comparison, value.Value, threshold))
        {
            _pendingSince.TryRemove(rule.Id, out _);
            return RuleOutcome.Clear(rule.DedupKey, $"condition cleared: {observed}, {Comparison.Negation(comparison)} {limit}");
        }
        var since = _pendingSince.GetOrAdd(rule.Id, now);
        if (now - since < TimeSpan.FromMinutes(forMinutes))
            return RuleOutcome.Quiet($"pending: {observed} ({comparison} {limit}) since {since:HH:mm:ss}, fires after {forMinutes} minutes");
        return RuleOutcome.Fire(rule.DedupKey, rule.Name, $"{observed} ({comparison} {limit})", new Dictionary<string, string>
        {
            ["value"] = RuleParameters.Format(value.Value),
            ["condition"] = $"{comparison} {limit} for {forMinutes} min",
        });
    }
}
