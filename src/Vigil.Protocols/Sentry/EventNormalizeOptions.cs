namespace Vigil.Protocols.Sentry;

/// <summary>
/// Limits and context for <see cref="EventNormalizer.Normalize"/>. The limits keep one hostile or
/// runaway event from costing the server more than a normal one; trims are recorded in <c>_meta</c>.
/// </summary>
public sealed record EventNormalizeOptions
{
    /// <summary>JSON nested deeper than this is rejected with an error (never an exception).</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Frames kept per stack trace; the oldest and newest are kept, the middle dropped.</summary>
    public int MaxFrames { get; init; } = 250;

    /// <summary>Breadcrumbs kept; the newest win because they lead up to the error.</summary>
    public int MaxBreadcrumbs { get; init; } = 100;

    /// <summary>Longer strings are cut and end with "...".</summary>
    public int MaxStringLength { get; init; } = 8192;

    /// <summary>When the server received the event; the fallback and upper bound for its timestamp.</summary>
    public DateTimeOffset ReceivedAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The envelope header's event_id, which wins over the payload's.</summary>
    public string? EventIdOverride { get; init; }

    /// <summary>How far ahead of <see cref="ReceivedAt"/> a client clock may be before we distrust it.</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(1);
}
