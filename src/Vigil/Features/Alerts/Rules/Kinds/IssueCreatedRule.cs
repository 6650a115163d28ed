using Microsoft.Extensions.Options;
using Vigil.Features.Errors.Issues;
using Vigil.Infrastructure.Hosting;
using Vigil.Infrastructure.Signals;

namespace Vigil.Features.Alerts.Rules.Kinds;

/// <summary><c>issue_created</c>: a fingerprint never seen before, on the IssueCreated signal.</summary>
public sealed class IssueCreatedRule(IOptions<VigilOptions> options) : IssueSignalRule(options)
{
    public override string Name => "issue_created";

    public override string Description => "A new issue (an error never seen before).";

    public override ValueTask<RuleOutcome?> OnSignalAsync(AlertRule rule, ISignal signal, CancellationToken cancellationToken) =>
        ValueTask.FromResult(signal is IssueCreated created && created.ProjectId == rule.ProjectId && Applies(rule, created.Level, created.Environment)
            ? Fire(rule, "New issue", created.IssueId, created.Title, created.Level, created.Release, created.Environment)
            : null);
}
