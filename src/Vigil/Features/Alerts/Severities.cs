namespace Vigil.Features.Alerts;

/// <summary>Severity names as the API, labels and routing policies spell them.</summary>
public static class Severities
{
    public static string Name(AlertSeverity severity) => severity.ToString().ToLowerInvariant();

    public static AlertSeverity? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "critical" => AlertSeverity.Critical,
        "error" => AlertSeverity.Error,
        "warning" => AlertSeverity.Warning,
        "info" => AlertSeverity.Info,
        _ => null,
    };

    public const string Choices = "critical, error, warning or info";
}
