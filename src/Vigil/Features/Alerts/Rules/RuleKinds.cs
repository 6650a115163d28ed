using Vigil.Features.Alerts.Rules.Kinds;

namespace Vigil.Features.Alerts.Rules;

/// <summary>The one list of rule kinds. A new kind is a class in Kinds/ and a line here.</summary>
public sealed class RuleKinds(IServiceProvider services)
{
    private readonly IReadOnlyDictionary<string, RuleKind> _kinds = new RuleKind[]
    {
        ActivatorUtilities.CreateInstance<IssueCreatedRule>(services),
        ActivatorUtilities.CreateInstance<IssueRegressedRule>(services),
        ActivatorUtilities.CreateInstance<IssueFrequencyRule>(services),
        ActivatorUtilities.CreateInstance<LogCountRule>(services),
        ActivatorUtilities.CreateInstance<MetricThresholdRule>(services),
        ActivatorUtilities.CreateInstance<MetricAnomalyRule>(services),
        ActivatorUtilities.CreateInstance<MetricNoDataRule>(services),
    }.ToDictionary(k => k.Name);

    public IReadOnlyCollection<RuleKind> All => _kinds.Values.ToList();

    public RuleKind? Find(string? name) => name is not null && _kinds.TryGetValue(name, out var kind) ? kind : null;
}
