namespace Vigil.Features.Alerts.Silences;

/// <summary>While active (StartsAt ≤ now &lt; EndsAt), alerts matching every matcher are recorded but not notified.</summary>
public sealed record Silence(
    long Id,
    long ProjectId,
    IReadOnlyList<SilenceMatcher> Matchers,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Reason,
    string CreatedBy,
    DateTimeOffset CreatedAt)
{
    public bool IsActive(DateTimeOffset now) => StartsAt <= now && now < EndsAt;

    public bool Matches(IReadOnlyDictionary<string, string> subject) => Matchers.All(m => m.Matches(subject));

    /// <summary>The names a matcher can test on an alert: its labels plus a few of its fields.</summary>
    public static IReadOnlyDictionary<string, string> Subject(Alert alert, string? ruleName)
    {
        var subject = new Dictionary<string, string>(alert.Labels)
        {
            ["severity"] = Severities.Name(alert.Severity),
            ["dedup_key"] = alert.DedupKey,
            ["source"] = alert.Source,
        };
        if (alert.RuleId is { } ruleId)
            subject["rule_id"] = ruleId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (ruleName is not null)
            subject["rule"] = ruleName;
        return subject;
    }
}
