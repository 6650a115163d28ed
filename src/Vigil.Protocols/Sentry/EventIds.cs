namespace Vigil.Protocols.Sentry;

/// <summary>
/// Sentry event ids are UUIDs written as 32 hex digits; SDKs also send the dashed form and
/// upper case. Everything downstream (dedup keys, URLs) compares them as 32 lowercase hex.
/// </summary>
internal static class EventIds
{
    /// <summary>Returns the 32-lowercase-hex form, or null when the text is not a UUID.</summary>
    public static string? Normalize(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var s = text.AsSpan().Trim();
        if (s.Length == 38 && s[0] == '{' && s[^1] == '}')
        {
            s = s[1..^1];
        }
        if (s.Length != 32 && s.Length != 36)
        {
            return null;
        }
        Span<char> hex = stackalloc char[32];
        var count = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '-')
            {
                // Dashes only where a UUID has them (8-4-4-4-12).
                if (s.Length != 36 || (i != 8 && i != 13 && i != 18 && i != 23))
                {
                    return null;
                }
                continue;
            }
            if (!char.IsAsciiHexDigit(c) || count == 32)
            {
                return null;
            }
            hex[count++] = char.ToLowerInvariant(c);
        }
        return count == 32 ? new string(hex) : null;
    }

    /// <summary>A fresh random id, for events that arrive without one.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");
}
