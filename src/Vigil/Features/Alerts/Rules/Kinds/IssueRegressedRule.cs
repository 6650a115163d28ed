using Microsoft.Extensions.Options;
using Vigil.Features.Errors.Issues;
using Vigil.Infrastructure.Hosting;
using Vigil.Infrastructure.Signals;

namespace Vigil.Features.Alerts.Rules.Kinds;

/// <summary><c>issue_regressed</c>: a resolved issue came back, on the IssueRegressed signal.</summary>
public sealed class IssueRegressedRule(IOptions<VigilOptions> options) : IssueSignalRule(options)
{
    public override string Name => "issue_regressed";

    public override string Description => "A resolved issue happened again.";

    public override ValueTask<RuleOutcome?> OnSignalAsync(AlertRule rule, ISignal signal, CancellationToken cancellationToken) =>
        ValueTask.FromResult(signal is IssueRegressed regressed && regressed.ProjectId == rule.ProjectId && Applies(rule, regressed.Level, regressed.Environment)
            ? Fire(rule, "Regressed issue", regressed.IssueId, regressed.Title, regressed.Level, regressed.Release, regressed.Environment)
            : null);
}
