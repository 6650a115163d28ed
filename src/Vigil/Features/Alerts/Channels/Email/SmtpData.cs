using System.Text;

namespace Vigil.Features.Alerts.Channels.Email;

/// <summary>A message as it goes after DATA (RFC 5321 4.5.2): CRLF line endings, a '.' doubled at the start
/// of a line so the server does not take it for the end, and the closing "." line.</summary>
public static class SmtpData
{
    public static byte[] Encode(string message)
    {
        var text = new StringBuilder(message.Length + 64);
        foreach (var line in message.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.StartsWith('.'))
                text.Append('.');
            text.Append(line).Append("\r\n");
        }
        // Split leaves an empty last piece after a final newline; that is one CRLF too many.
        if (message.Length > 0 && message.EndsWith('\n'))
            text.Length -= 2;
        return Encoding.UTF8.GetBytes(text.Append(".\r\n").ToString());
    }
}
