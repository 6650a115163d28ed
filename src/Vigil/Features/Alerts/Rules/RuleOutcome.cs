namespace Vigil.Features.Alerts.Rules;

/// <summary>What evaluating a rule found: fire an alert, clear its open alert (with the reason shown to
/// people), nothing to say, or that it could not be evaluated (shown as the rule's status).</summary>
public sealed record RuleOutcome(RuleOutcome.Verdict Result, string Status, string? DedupKey = null, string? Title = null,
    string? Summary = null, IReadOnlyDictionary<string, string>? Details = null)
{
    public enum Verdict
    {
        Fire,
        Clear,
        Quiet,
        Unavailable,
    }

    public static RuleOutcome Fire(string dedupKey, string title, string summary, IReadOnlyDictionary<string, string> details) =>
        new(Verdict.Fire, summary, dedupKey, title, summary, details);

    public static RuleOutcome Clear(string dedupKey, string reason) => new(Verdict.Clear, reason, dedupKey);

    public static RuleOutcome Quiet(string status) => new(Verdict.Quiet, status);

    public static RuleOutcome Unavailable(string status) => new(Verdict.Unavailable, status);
}
