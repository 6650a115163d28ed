using System.Text.Json.Nodes;

namespace Vigil.Features.Alerts.Rules.Kinds;

/// <summary><c>metric_nodata</c>: the series had no points for the last <c>minutes</c> — a job or a sender stopped.</summary>
public sealed class MetricNoDataRule(IServiceProvider services) : MetricRule(services)
{
    public override string Name => "metric_nodata";

    public override string Description => "A metric series with no points for N minutes.";

    public override string? Validate(JsonObject parameters) =>
        ValidateSeries(parameters) ?? RuleParameters.Number(parameters, "minutes", 1, 7 * 24 * 60);

    public override async Task<RuleOutcome> EvaluateAsync(AlertRule rule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (Metrics is not { } metrics)
            return Unavailable();
        var minutes = RuleParameters.Long(rule.Parameters, "minutes") ?? 10;
        var to = now.ToUnixTimeMilliseconds();
        var from = now.AddMinutes(-minutes).ToUnixTimeMilliseconds();
        var value = Combine(await metrics.QueryAsync(Query(rule, from, to, null), cancellationToken), "count");
        if (value is not null)
            return RuleOutcome.Clear(rule.DedupKey, $"condition cleared: {Series(rule)} has data in the last {minutes} minutes");
        return RuleOutcome.Fire(rule.DedupKey, rule.Name, $"no data for {Series(rule)} in the last {minutes} minutes",
            new Dictionary<string, string> { ["minutes"] = minutes.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }
}
