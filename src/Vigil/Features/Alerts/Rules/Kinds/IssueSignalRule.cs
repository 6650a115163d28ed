using System.Text.Json.Nodes;
using Vigil.Infrastructure.Hosting;

namespace Vigil.Features.Alerts.Rules.Kinds;

/// <summary>What the new-issue and regressed-issue rules share: optional <c>environment</c> and minimum
/// <c>level</c> filters, and the alert they fire for one issue (deduplicated per rule and issue).</summary>
public abstract class IssueSignalRule(Microsoft.Extensions.Options.IOptions<VigilOptions> options) : RuleKind
{
    private static readonly IReadOnlyList<string> Levels = ["debug", "info", "warning", "error", "fatal"];

    public override string? Validate(JsonObject parameters) =>
        RuleParameters.String(parameters, "environment", required: false)
        ?? RuleParameters.OneOf(parameters, "level", Levels);

    protected static bool Applies(AlertRule rule, string level, string? environment)
    {
        if (RuleParameters.Text(rule.Parameters, "environment") is { Length: > 0 } wanted && wanted != environment)
            return false;
        if (RuleParameters.Text(rule.Parameters, "level") is { } minimum)
        {
            var index = Levels.ToList().IndexOf(level);
            return index < 0 || index >= Levels.ToList().IndexOf(minimum);
        }
        return true;
    }

    protected RuleOutcome Fire(AlertRule rule, string what, long issueId, string title, string level, string? release, string? environment)
    {
        var details = new Dictionary<string, string>
        {
            ["issue"] = $"{options.Value.ResolvePublicUrl()}/issues/{issueId}",
            ["issueId"] = issueId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["level"] = level,
        };
        if (release is not null)
            details["release"] = release;
        if (environment is not null)
            details["environment"] = environment;
        return RuleOutcome.Fire($"rule:{rule.Id}:issue:{issueId}", $"{what}: {title}", $"{what} ({level}): {title}", details);
    }
}
