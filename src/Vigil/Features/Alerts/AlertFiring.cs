namespace Vigil.Features.Alerts;

/// <summary>What a rule or an external sender asks for: "this is happening". The engine turns it into a
/// new alert, or an occurrence of the open alert with the same dedup key.</summary>
public sealed record AlertFiring(
    long ProjectId,
    long? RuleId,
    string DedupKey,
    string GroupKey,
    AlertSeverity Severity,
    string Title,
    string Summary,
    IReadOnlyDictionary<string, string> Details,
    IReadOnlyDictionary<string, string> Labels,
    string Source);
