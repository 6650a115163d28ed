using System.Text.Json.Nodes;
using Vigil.Features.Metrics.Query;

namespace Vigil.Features.Alerts.Rules.Kinds;

/// <summary>What the metric rules share: the series (<c>metric</c>, <c>aggregation</c>, tag <c>filters</c>) and
/// the query service, which another capability provides; without it these rules report "metrics unavailable".</summary>
public abstract class MetricRule(IServiceProvider services) : RuleKind
{
    public override bool IsPeriodic => true;

    protected static readonly IReadOnlyList<string> Aggregations = ["sum", "avg", "min", "max", "count", "last", "rate", "p50", "p90", "p99", "distinct"];

    protected IMetricQueryService? Metrics => services.GetService<IMetricQueryService>();

    protected static string? ValidateSeries(JsonObject parameters)
    {
        var error = RuleParameters.String(parameters, "metric") ?? RuleParameters.OneOf(parameters, "aggregation", Aggregations);
        if (error is not null)
            return error;
        if (parameters["filters"] is { } filters && (filters is not JsonObject map || map.Any(p => p.Value is not JsonValue v || !v.TryGetValue<string>(out _))))
            return "parameters.filters: an object of tag → value strings.";
        return null;
    }

    protected static MetricQuery Query(AlertRule rule, long fromMs, long toMs, long? stepMs, long offsetMs = 0)
    {
        var filters = rule.Parameters["filters"] is JsonObject map
            ? map.Select(p => new MetricTagFilter(p.Key, "=", [p.Value!.GetValue<string>()])).ToList()
            : [];
        return new MetricQuery(rule.ProjectId, RuleParameters.Text(rule.Parameters, "metric")!, filters,
            RuleParameters.Text(rule.Parameters, "aggregation") ?? "avg", [], fromMs, toMs, stepMs, offsetMs);
    }

    /// <summary>One number for a window: totals add up, the rest average over the window's buckets.</summary>
    protected static double? Combine(MetricQueryResult? result, string aggregation)
    {
        var values = result?.Series.SelectMany(s => s.Points).Where(p => p.Value is not null).Select(p => p.Value!.Value).ToList() ?? [];
        if (values.Count == 0)
            return null;
        return aggregation switch
        {
            "sum" or "count" => values.Sum(),
            "max" => values.Max(),
            "min" => values.Min(),
            "last" => values[^1],
            _ => values.Average(),
        };
    }

    protected static string Series(AlertRule rule) =>
        $"{RuleParameters.Text(rule.Parameters, "aggregation") ?? "avg"}({RuleParameters.Text(rule.Parameters, "metric")})";

    protected static RuleOutcome Unavailable() => RuleOutcome.Unavailable("metrics unavailable: no metric query service in this server");
}
