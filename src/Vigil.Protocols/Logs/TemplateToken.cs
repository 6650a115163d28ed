using System.Globalization;

namespace Vigil.Protocols.Logs;

/// <summary>
/// The inside of one <c>{…}</c> hole: an optional <c>@</c>/<c>$</c> capturing hint, the property
/// name, an optional <c>,alignment</c> and an optional <c>:format</c>.
/// </summary>
internal readonly record struct TemplateToken(string Name, int Alignment, string? Format)
{
    public static bool TryParse(ReadOnlySpan<char> inner, out TemplateToken token)
    {
        token = default;
        if (inner.Length > 0 && inner[0] is '@' or '$')
        {
            inner = inner[1..];
        }
        string? format = null;
        var colon = inner.IndexOf(':');
        if (colon >= 0)
        {
            format = inner[(colon + 1)..].ToString();
            inner = inner[..colon];
        }
        var alignment = 0;
        var comma = inner.IndexOf(',');
        if (comma >= 0)
        {
            if (!int.TryParse(inner[(comma + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out alignment))
            {
                return false;
            }
            inner = inner[..comma];
        }
        // Names are identifiers in Serilog; MEL is laxer, so allow anything but braces and blanks.
        if (inner.IsEmpty || inner.ContainsAny(" \t\r\n{"))
        {
            return false;
        }
        token = new TemplateToken(inner.ToString(), alignment, format);
        return true;
    }
}
