namespace Vigil.Protocols.Sentry;

/// <summary>How <see cref="PayloadWriter"/> treats the values below the current key.</summary>
internal enum ScrubMode
{
    /// <summary>Written as they are: scrubbing is off, or a safe or machine-only key was passed.</summary>
    Off,

    /// <summary>Strings are checked for card numbers; keys decide what lies below them.</summary>
    Scan,

    /// <summary>Below a sensitive key: every scalar becomes "[Filtered]", the shape is kept.</summary>
    Filter,
}
