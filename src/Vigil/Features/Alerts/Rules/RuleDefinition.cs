using System.Text.Json.Nodes;

namespace Vigil.Features.Alerts.Rules;

/// <summary>A rule as the API creates or replaces it.</summary>
public sealed record RuleDefinition(
    string? Name,
    string? Kind,
    string? Severity,
    JsonObject? Parameters,
    Dictionary<string, string>? Labels,
    bool? Enabled)
{
    /// <summary>The first problem, naming the field or parameter, or null.</summary>
    public string? Validate(RuleKinds kinds)
    {
        if (string.IsNullOrWhiteSpace(Name))
            return "name: required.";
        if (Name.Length > 200)
            return "name: at most 200 characters.";
        var kind = kinds.Find(Kind);
        if (kind is null)
            return $"kind: '{Kind}' is not a rule kind; use {string.Join(", ", kinds.All.Select(k => k.Name))}.";
        if (Alerts.Severities.Parse(Severity) is null)
            return $"severity: '{Severity}' is not a severity; use {Alerts.Severities.Choices}.";
        if (Labels is not null && Labels.Keys.FirstOrDefault(k => string.IsNullOrWhiteSpace(k)) is not null)
            return "labels: label names must not be empty.";
        return kind.Validate(Parameters ?? []);
    }
}
