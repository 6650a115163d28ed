using System.Text.Json.Nodes;

namespace Vigil.Features.Alerts.Rules;

/// <summary>A rule as the API shows it.</summary>
public sealed record RuleView(long Id, long ProjectId, string Name, string Kind, string Severity, JsonObject Parameters,
    IReadOnlyDictionary<string, string> Labels, bool Enabled, DateTimeOffset? LastEvaluatedAt, string? LastStatus)
{
    public static RuleView From(AlertRule r) =>
        new(r.Id, r.ProjectId, r.Name, r.Kind, Severities.Name(r.Severity), r.Parameters, r.Labels, r.Enabled, r.LastEvaluatedAt, r.LastStatus);
}
