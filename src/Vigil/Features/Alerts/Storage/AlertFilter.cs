namespace Vigil.Features.Alerts.Storage;

/// <summary>The alerts list's filters; null means any.</summary>
public sealed record AlertFilter(string? Status = null, AlertSeverity? Severity = null, long? RuleId = null, int Limit = 100);
