namespace Vigil.Protocols;

/// <summary>
/// Why an input could not be parsed, and where. Parsers return this instead of throwing so the
/// ingest edge can answer 400 with a message a client author can act on.
/// </summary>
/// <param name="Message">Human-readable description of the problem.</param>
/// <param name="Position">Byte offset into the input where the problem was found, or -1 if unknown.</param>
public sealed record ParseError(string Message, long Position)
{
    /// <summary>Position value used when the offset cannot be determined.</summary>
    public const long UnknownPosition = -1;

    public override string ToString() =>
        Position >= 0 ? $"{Message} (at byte {Position})" : Message;
}
