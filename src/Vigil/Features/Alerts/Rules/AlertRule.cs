using System.Text.Json.Nodes;

namespace Vigil.Features.Alerts.Rules;

/// <summary>A stored rule: what to watch (<see cref="Kind"/> with its <see cref="Parameters"/>), how bad it is,
/// and labels that silences match and alerts carry. <see cref="LastStatus"/> is the last evaluation's one-liner.</summary>
public sealed record AlertRule(
    long Id,
    long ProjectId,
    string Name,
    string Kind,
    AlertSeverity Severity,
    JsonObject Parameters,
    IReadOnlyDictionary<string, string> Labels,
    bool Enabled,
    DateTimeOffset? LastEvaluatedAt,
    string? LastStatus)
{
    /// <summary>Alerts of one rule share a group: they are batched into one notification.</summary>
    public string GroupKey => $"rule:{Id}";

    /// <summary>The dedup key of a rule's single condition (periodic rules).</summary>
    public string DedupKey => $"rule:{Id}";
}
