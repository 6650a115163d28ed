namespace Vigil.Features.Alerts.Channels.Email;

/// <summary>One SMTP reply: its three-digit code and the text of each line (without the code).</summary>
public sealed record SmtpReply(int Code, IReadOnlyList<string> Lines)
{
    /// <summary>Reads a reply line "250-text" or "250 text"; null when the line is not a reply line.</summary>
    public static (int Code, bool Last, string Text)? ParseLine(string line)
    {
        if (line.Length < 3 || !char.IsAsciiDigit(line[0]) || !char.IsAsciiDigit(line[1]) || !char.IsAsciiDigit(line[2]))
            return null;
        if (line.Length > 3 && line[3] is not (' ' or '-'))
            return null;
        var code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
        return (code, line.Length == 3 || line[3] == ' ', line.Length > 4 ? line[4..] : "");
    }
}
