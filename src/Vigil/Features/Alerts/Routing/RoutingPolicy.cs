namespace Vigil.Features.Alerts.Routing;

/// <summary>A project's routing: per severity, ordered escalation levels; how often a still-firing,
/// unacknowledged alert is repeated; and at most how many notifications one channel gets per hour.</summary>
public sealed record RoutingPolicy(
    IReadOnlyDictionary<string, IReadOnlyList<EscalationLevel>> Severities,
    int RepeatMinutes = 240,
    int? MaxPerChannelPerHour = null)
{
    public IReadOnlyList<EscalationLevel> LevelsFor(AlertSeverity severity) =>
        Severities.TryGetValue(Alerts.Severities.Name(severity), out var levels) ? levels : [];

    /// <summary>The level (1-based) or null past the last.</summary>
    public EscalationLevel? Level(AlertSeverity severity, int level)
    {
        var levels = LevelsFor(severity);
        return level >= 1 && level <= levels.Count ? levels[level - 1] : null;
    }

    /// <summary>Every channel of levels 1..<paramref name="upTo"/>, each once, in order.</summary>
    public IReadOnlyList<long> ChannelsUpTo(AlertSeverity severity, int upTo) =>
        LevelsFor(severity).Take(Math.Max(upTo, 1)).SelectMany(l => l.Channels).Distinct().ToList();

    /// <summary>Names the first problem, or null when the policy is usable.</summary>
    public string? Validate(ISet<long>? knownChannels)
    {
        foreach (var (severity, levels) in Severities)
        {
            if (Alerts.Severities.Parse(severity) is null)
                return $"severities.{severity}: unknown severity; use {Alerts.Severities.Choices}.";
            var previous = -1;
            for (var i = 0; i < levels.Count; i++)
            {
                var level = levels[i];
                if (level.Channels is null || level.Channels.Count == 0)
                    return $"severities.{severity}[{i}].channels: a level needs at least one channel id.";
                if (knownChannels is not null && level.Channels.FirstOrDefault(c => !knownChannels.Contains(c)) is var unknown and not 0)
                    return $"severities.{severity}[{i}].channels: no channel {unknown} in this project.";
                if (i > 0 && level.AfterMinutes <= previous)
                    return $"severities.{severity}[{i}].afterMinutes: must be greater than the previous level's ({previous}).";
                if (level.AfterMinutes < 0)
                    return $"severities.{severity}[{i}].afterMinutes: must not be negative.";
                previous = i == 0 ? 0 : level.AfterMinutes;
            }
        }
        if (RepeatMinutes < 1)
            return "repeatMinutes: must be at least 1.";
        if (MaxPerChannelPerHour is < 1)
            return "maxPerChannelPerHour: must be at least 1 (or null for no limit).";
        return null;
    }
}
