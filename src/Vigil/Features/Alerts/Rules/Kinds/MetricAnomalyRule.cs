using System.Text.Json.Nodes;

namespace Vigil.Features.Alerts.Rules.Kinds;

/// <summary><c>metric_anomaly</c>: the last <c>windowMinutes</c> against its own rhythm — the same window a week
/// earlier (<c>baseline: "week"</c>) or the mean of the previous <c>windows</c> windows (<c>"rolling"</c>). Fires when
/// it moved by more than <c>percent</c> in <c>direction</c> (drop, spike, both), if the baseline has at least <c>minBaseline</c>.</summary>
public sealed class MetricAnomalyRule(IServiceProvider services) : MetricRule(services)
{
    private static readonly long Week = (long)TimeSpan.FromDays(7).TotalMilliseconds;

    public override string Name => "metric_anomaly";

    public override string Description => "A drop or spike against the same window last week, or a rolling baseline.";

    public override string? Validate(JsonObject parameters) =>
        ValidateSeries(parameters)
        ?? RuleParameters.Number(parameters, "windowMinutes", 1, 24 * 60)
        ?? RuleParameters.OneOf(parameters, "baseline", ["week", "rolling"])
        ?? RuleParameters.Number(parameters, "windows", 1, 100, required: false)
        ?? RuleParameters.OneOf(parameters, "direction", ["drop", "spike", "both"])
        ?? RuleParameters.Number(parameters, "percent", 1, 10_000)
        ?? RuleParameters.Number(parameters, "minBaseline", 0, double.MaxValue, required: false);

    public override async Task<RuleOutcome> EvaluateAsync(AlertRule rule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (Metrics is not { } metrics)
            return Unavailable();
        var aggregation = RuleParameters.Text(rule.Parameters, "aggregation") ?? "avg";
        var windowMs = (RuleParameters.Long(rule.Parameters, "windowMinutes") ?? 60) * 60_000;
        var to = now.ToUnixTimeMilliseconds();
        var current = Combine(await metrics.QueryAsync(Query(rule, to - windowMs, to, windowMs), cancellationToken), aggregation) ?? 0;
        double? baseline;
        if ((RuleParameters.Text(rule.Parameters, "baseline") ?? "week") == "week")
        {
            baseline = Combine(await metrics.QueryAsync(Query(rule, to - windowMs, to, windowMs, Week), cancellationToken), aggregation);
        }
        else
        {
            var windows = RuleParameters.Long(rule.Parameters, "windows") ?? 4;
            var result = await metrics.QueryAsync(Query(rule, to - windowMs * (windows + 1), to - windowMs, windowMs), cancellationToken);
            var totals = Combine(result, aggregation);
            baseline = totals is null ? null : aggregation is "sum" or "count" ? totals / windows : totals;
        }
        var minimum = RuleParameters.Double(rule.Parameters, "minBaseline") ?? 0;
        if (baseline is null || baseline.Value < minimum || baseline.Value == 0)
            return RuleOutcome.Clear(rule.DedupKey, $"condition cleared: baseline of {Series(rule)} too small to compare ({RuleParameters.Format(baseline ?? 0)})");
        var change = (current - baseline.Value) / baseline.Value * 100;
        var percent = RuleParameters.Double(rule.Parameters, "percent")!.Value;
        var direction = RuleParameters.Text(rule.Parameters, "direction") ?? "both";
        var anomalous = direction switch
        {
            "drop" => change <= -percent,
            "spike" => change >= percent,
            _ => Math.Abs(change) >= percent,
        };
        var observed = $"{Series(rule)} = {RuleParameters.Format(current)} against a baseline of {RuleParameters.Format(baseline.Value)} ({(change >= 0 ? "+" : "")}{RuleParameters.Format(change)}%)";
        if (!anomalous)
            return RuleOutcome.Clear(rule.DedupKey, $"condition cleared: {observed}, within {RuleParameters.Format(percent)}%");
        return RuleOutcome.Fire(rule.DedupKey, rule.Name, observed, new Dictionary<string, string>
        {
            ["value"] = RuleParameters.Format(current),
            ["baseline"] = RuleParameters.Format(baseline.Value),
            ["changePercent"] = RuleParameters.Format(change),
        });
    }
}
