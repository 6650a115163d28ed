namespace Vigil.Protocols.Metrics;

/// <summary>One rejected data point (or a metric whose points could not be read): where it is in
/// the request, as a JSON-style path, and the byte offset for protobuf bodies (-1 for JSON).</summary>
public sealed record OtlpPointError(string Path, string Message, long Position = ParseError.UnknownPosition)
{
    public override string ToString() =>
        Position >= 0 ? $"{Path}: {Message} (at byte {Position})" : $"{Path}: {Message}";
}
