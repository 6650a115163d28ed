namespace Vigil.Features.Alerts;

/// <summary>Every rule and every alert has one; routing sends each severity to its own channels.</summary>
public enum AlertSeverity
{
    Critical = 1,
    Error = 2,
    Warning = 3,
    Info = 4,
}
