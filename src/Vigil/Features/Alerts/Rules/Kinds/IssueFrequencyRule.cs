using System.Text.Json.Nodes;
using Vigil.Features.Errors.Issues;
using Vigil.Features.Errors.Storage;
using Vigil.Infrastructure.Signals;

namespace Vigil.Features.Alerts.Rules.Kinds;

/// <summary><c>issue_frequency</c>: at least <c>count</c> events (or <c>users</c> distinct users) in the last
/// <c>minutes</c>, for one issue (<c>issueId</c>) or the whole project. Counted again when a batch of events
/// commits (so it fires within milliseconds of the Nth) and on the schedule (so it resolves when the window clears).</summary>
public sealed class IssueFrequencyRule(IssueStore issues, TimeProvider clock) : RuleKind
{
    public override string Name => "issue_frequency";

    public override string Description => "N events or N users in M minutes, for one issue or the whole project.";

    public override bool IsPeriodic => true;

    public override string? Validate(JsonObject parameters)
    {
        if (parameters["count"] is null && parameters["users"] is null)
            return "parameters.count: give count (events) or users (distinct users).";
        return RuleParameters.Number(parameters, "count", 1, 1e9, required: false)
            ?? RuleParameters.Number(parameters, "users", 1, 1e9, required: false)
            ?? RuleParameters.Number(parameters, "minutes", 1, 7 * 24 * 60)
            ?? RuleParameters.Number(parameters, "issueId", 1, long.MaxValue, required: false);
    }

    public override async ValueTask<RuleOutcome?> OnSignalAsync(AlertRule rule, ISignal signal, CancellationToken cancellationToken)
    {
        if (signal is not IssueEventsRecorded recorded || recorded.ProjectId != rule.ProjectId)
            return null;
        if (RuleParameters.Long(rule.Parameters, "issueId") is { } issueId && !recorded.IssueIds.Contains(issueId))
            return null;
        // A signal handled after its whole window has passed says nothing about now; it must not reopen
        // an alert the schedule has resolved since.
        var minutes = RuleParameters.Long(rule.Parameters, "minutes") ?? 1;
        if (clock.GetUtcNow() - recorded.At > TimeSpan.FromMinutes(minutes))
            return null;
        var outcome = await EvaluateAsync(rule, recorded.At, cancellationToken);
        // A signal only ever raises; clearing waits for the schedule so a burst's tail does not flap the alert.
        return outcome.Result == RuleOutcome.Verdict.Fire ? outcome : null;
    }

    public override async Task<RuleOutcome> EvaluateAsync(AlertRule rule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var minutes = RuleParameters.Long(rule.Parameters, "minutes") ?? 1;
        var issueId = RuleParameters.Long(rule.Parameters, "issueId");
        var (events, users) = await issues.CountSinceAsync(rule.ProjectId, issueId, now.AddMinutes(-minutes).ToUnixTimeMilliseconds(), cancellationToken);
        var byUsers = RuleParameters.Long(rule.Parameters, "users") is not null;
        var threshold = RuleParameters.Long(rule.Parameters, byUsers ? "users" : "count")!.Value;
        var value = byUsers ? users : events;
        var unit = byUsers ? "users" : "events";
        var scope = issueId is null ? "in the project" : $"of issue {issueId}";
        var observed = $"{value} {unit} {scope} in the last {minutes} minutes";
        if (value >= threshold)
        {
            var details = new Dictionary<string, string> { [unit] = value.ToString(System.Globalization.CultureInfo.InvariantCulture), ["threshold"] = threshold.ToString(System.Globalization.CultureInfo.InvariantCulture), ["minutes"] = minutes.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (issueId is not null)
                details["issueId"] = issueId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return RuleOutcome.Fire(rule.DedupKey, rule.Name, $"{observed}, at or above {threshold}", details);
        }
        return RuleOutcome.Clear(rule.DedupKey, $"condition cleared: {observed}, below {threshold}");
    }
}
