using Vigil.Features.Alerts.Rules;
using Vigil.Features.Alerts.Storage;

namespace Vigil.Features.Alerts.Noise;

/// <summary>
/// Which rules cost attention without earning it: per rule over the last N weeks, alerts per week, the share
/// acknowledged, the median time to acknowledge, and the rules that fired often and were never acted on
/// (nobody acknowledged or resolved any of their alerts; only the rule itself resolved them).
/// </summary>
public sealed class NoiseReport(AlertStore alerts, RuleStore rules, TimeProvider clock)
{
    /// <summary>A rule "fires often" at this many alerts per week or more.</summary>
    public const double OftenPerWeek = 3;

    public sealed record Row(long? RuleId, string Name, int Alerts, double PerWeek, double AcknowledgedShare, double? MedianMinutesToAcknowledge,
        bool NeverActedOn, IReadOnlyList<int> ByWeek);

    public sealed record Report(int Weeks, DateTimeOffset Since, IReadOnlyList<Row> Rules, IReadOnlyList<Row> Noisy);

    public async Task<Report> BuildAsync(long projectId, int weeks, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var since = now.AddDays(-7 * weeks);
        var fired = await alerts.FiredSinceAsync(projectId, since, cancellationToken);
        var names = (await rules.ListAsync(projectId, cancellationToken)).ToDictionary(r => r.Id, r => r.Name);
        var rows = fired
            .GroupBy(a => a.RuleId is { } id ? $"rule:{id}" : $"source:{a.Source}")
            .Select(group => Summarize(group.ToList(), names, weeks, since))
            .OrderByDescending(r => r.Alerts)
            .ToList();
        return new Report(weeks, since, rows, rows.Where(r => r.NeverActedOn && r.PerWeek >= OftenPerWeek).ToList());
    }

    private static Row Summarize(List<Alert> group, Dictionary<long, string> names, int weeks, DateTimeOffset since)
    {
        var first = group[0];
        var name = first.RuleId is { } id
            ? names.TryGetValue(id, out var ruleName) ? ruleName : $"deleted rule {id}"
            : $"external ({first.Source})";
        var acknowledged = group.Where(a => a.AcknowledgedAt is not null).ToList();
        var minutes = acknowledged.Select(a => (a.AcknowledgedAt!.Value - a.FiredAt).TotalMinutes).Order().ToList();
        double? median = minutes.Count == 0 ? null
            : minutes.Count % 2 == 1 ? minutes[minutes.Count / 2]
            : (minutes[minutes.Count / 2 - 1] + minutes[minutes.Count / 2]) / 2;
        var actedOn = group.Any(a => a.AcknowledgedAt is not null || (a.ResolvedBy is not null && a.ResolvedBy != "rule"));
        var byWeek = new int[weeks];
        foreach (var alert in group)
            byWeek[Math.Clamp((int)((alert.FiredAt - since).TotalDays / 7), 0, weeks - 1)]++;
        return new Row(first.RuleId, name, group.Count, Math.Round(group.Count / (double)weeks, 2),
            Math.Round(acknowledged.Count / (double)group.Count, 3), median is null ? null : Math.Round(median.Value, 1), !actedOn, byWeek);
    }
}
