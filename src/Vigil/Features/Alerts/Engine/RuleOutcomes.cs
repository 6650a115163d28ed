using Vigil.Features.Alerts.Rules;

namespace Vigil.Features.Alerts.Engine;

/// <summary>Acts on what a rule found: fire (the engine deduplicates), resolve the rule's open alert with the
/// reason, and keep the rule's status line current.</summary>
public sealed class RuleOutcomes(AlertService alerts, RuleStore rules)
{
    public async Task ApplyAsync(AlertRule rule, RuleOutcome outcome, bool recordStatus, CancellationToken cancellationToken)
    {
        switch (outcome.Result)
        {
            case RuleOutcome.Verdict.Fire:
                var labels = new Dictionary<string, string>(rule.Labels) { ["rule"] = rule.Name, ["kind"] = rule.Kind };
                await alerts.FireAsync(new AlertFiring(rule.ProjectId, rule.Id, outcome.DedupKey!, rule.GroupKey, rule.Severity,
                    outcome.Title ?? rule.Name, outcome.Summary ?? rule.Name, outcome.Details ?? new Dictionary<string, string>(), labels, $"rule:{rule.Kind}"),
                    cancellationToken);
                break;
            case RuleOutcome.Verdict.Clear:
                await alerts.ResolveOpenAsync(rule.ProjectId, outcome.DedupKey!, "rule", outcome.Status, cancellationToken);
                break;
        }
        if (recordStatus)
            await rules.RecordStatusAsync(rule.Id, outcome.Status, cancellationToken);
    }
}
