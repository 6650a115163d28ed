namespace Vigil.Protocols.Logs;

/// <summary>
/// Trace and span ids as lower-case hex. An all-zero id is "invalid" in W3C trace context and
/// OTLP, so it reads as absent rather than as a trace every record would share.
/// </summary>
internal static class HexIds
{
    public static bool TryNormalize(string text, int length, out string? hex)
    {
        hex = null;
        if (text.Length != length)
        {
            return false;
        }
        var allZero = true;
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
            allZero &= c == '0';
        }
        if (allZero)
        {
            return false;
        }
        hex = text.ToLowerInvariant();
        return true;
    }

    /// <summary>Raw id bytes from protobuf; wrong lengths and all-zero ids are dropped.</summary>
    public static string? FromBytes(ReadOnlySpan<byte> bytes, int expectedLength)
    {
        if (bytes.Length != expectedLength || !bytes.ContainsAnyExcept((byte)0))
        {
            return null;
        }
        return Convert.ToHexStringLower(bytes);
    }
}
