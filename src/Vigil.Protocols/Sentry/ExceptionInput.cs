namespace Vigil.Protocols.Sentry;

/// <summary>One stored exception as grouping and the issue labels see it.</summary>
internal sealed class ExceptionInput
{
    /// <summary>Type and value as normalised, before cutting and scrubbing: the title is made from these.</summary>
    public string? Type { get; set; }

    public string? Value { get; set; }

    /// <summary>Type and value as stored: grouping hashes what the payload says.</summary>
    public string? StoredType { get; set; }

    public string? StoredValue { get; set; }

    /// <summary>The stored frames, oldest first; null when the exception has no frame list.</summary>
    public List<FrameInput>? Frames { get; set; }

    /// <summary>The culprit from the crash frame as sent (last in-app frame, else last frame), or null.</summary>
    public string? Culprit { get; set; }
}
