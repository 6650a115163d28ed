using System.Text;
using System.Text.RegularExpressions;

namespace Vigil.Tests.Support;

/// <summary>Decodes the bodies of a raw MIME message (base64 and quoted-printable parts) so a test
/// can look for text in them; just enough MIME for the mails Vigil sends.</summary>
public static partial class MimeText
{
    public static string Decode(string raw)
    {
        var text = new StringBuilder();
        foreach (var part in Boundary().Split(raw))
        {
            var split = part.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (split < 0)
                continue;
            var headers = part[..split];
            var body = part[(split + 4)..];
            if (headers.Contains("Content-Transfer-Encoding: base64", StringComparison.OrdinalIgnoreCase))
            {
                try { text.AppendLine(Encoding.UTF8.GetString(Convert.FromBase64String(Regex.Replace(body, @"\s", "")))); }
                catch (FormatException) { text.AppendLine(body); }
            }
            else if (headers.Contains("Content-Transfer-Encoding: quoted-printable", StringComparison.OrdinalIgnoreCase))
            {
                var unfolded = body.Replace("=\r\n", "");
                var bytes = new List<byte>();
                for (var i = 0; i < unfolded.Length; i++)
                {
                    if (unfolded[i] == '=' && i + 2 < unfolded.Length && Uri.IsHexDigit(unfolded[i + 1]) && Uri.IsHexDigit(unfolded[i + 2]))
                    {
                        bytes.Add(Convert.ToByte(unfolded.Substring(i + 1, 2), 16));
                        i += 2;
                    }
                    else
                    {
                        bytes.AddRange(Encoding.UTF8.GetBytes(unfolded[i].ToString()));
                    }
                }
                text.AppendLine(Encoding.UTF8.GetString(bytes.ToArray()));
            }
            else
            {
                text.AppendLine(body);
            }
        }
        return text.ToString();
    }

    [GeneratedRegex(@"\r\n--[^\r\n]+\r\n")]
    private static partial Regex Boundary();
}
