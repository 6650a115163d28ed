namespace Vigil.Protocols.Sentry;

/// <summary>
/// Outcome of <see cref="EnvelopeParser.Parse"/>. When the header line is invalid
/// <see cref="Envelope"/> is null. When an item is broken the items before it are kept and
/// <see cref="Error"/> describes the broken one: framing after it cannot be trusted.
/// </summary>
public sealed record EnvelopeParseResult(Envelope? Envelope, ParseError? Error)
{
    /// <summary>True when the whole envelope was read without problems.</summary>
    public bool IsSuccess => Envelope is not null && Error is null;
}
