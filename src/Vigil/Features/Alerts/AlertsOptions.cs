namespace Vigil.Features.Alerts;

/// <summary>The "Alerts" configuration section; every setting is listed in the README.</summary>
public sealed class AlertsOptions
{
    /// <summary>How often periodic rules (issue frequency, log count, metrics) are evaluated.</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Alerts of one group firing within this long after the group's last notification wait
    /// and go out together in one notification.</summary>
    public TimeSpan GroupInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the worker looks for due escalations, repeats and grouped notifications.</summary>
    public TimeSpan WorkerInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the signed acknowledge link in a notification stays valid.</summary>
    public TimeSpan AcknowledgeLinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How many POST /api/alerts requests one project may make a minute (a token bucket, so a
    /// burst of this many, then this many a minute); over it the answer is 429 with Retry-After. 0 turns
    /// the limit off.</summary>
    public int ExternalAlertsPerMinute { get; set; } = 600;
}
