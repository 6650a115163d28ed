namespace Vigil.Features.Alerts;

/// <summary>An alert's lifecycle: firing → acknowledged → resolved. Firing and acknowledged are "open":
/// an open alert absorbs new occurrences of its dedup key.</summary>
public static class AlertStatus
{
    public const string Firing = "firing";
    public const string Acknowledged = "acknowledged";
    public const string Resolved = "resolved";

    public static readonly IReadOnlyList<string> All = [Firing, Acknowledged, Resolved];
}
