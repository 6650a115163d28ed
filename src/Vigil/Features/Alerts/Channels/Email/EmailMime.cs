using System.Globalization;
using System.Text;

namespace Vigil.Features.Alerts.Channels.Email;

/// <summary>An alert mail as MIME (RFC 5322/2045): multipart/alternative with the plain-text and HTML
/// bodies in base64, and the subject as UTF-8 encoded words when it is not short plain ASCII. Every line
/// is ASCII, so any server takes it without 8BITMIME or SMTPUTF8.</summary>
public static class EmailMime
{
    public static string Build(string from, IReadOnlyList<string> to, string subject, string text, string html, DateTimeOffset date)
    {
        var boundary = "vigil-" + Guid.NewGuid().ToString("N");
        var mime = new StringBuilder();
        mime.Append("From: ").Append(from).Append("\r\n");
        mime.Append("To: ").Append(string.Join(", ", to)).Append("\r\n");
        mime.Append("Subject: ").Append(Header(subject)).Append("\r\n");
        mime.Append("Date: ").Append(date.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture)).Append("\r\n");
        mime.Append("Message-ID: <").Append(Guid.NewGuid().ToString("N")).Append("@vigil>\r\n");
        mime.Append("MIME-Version: 1.0\r\n");
        mime.Append("Content-Type: multipart/alternative; boundary=\"").Append(boundary).Append("\"\r\n\r\n");
        Part(mime, boundary, "text/plain", text);
        Part(mime, boundary, "text/html", html);
        return mime.Append("--").Append(boundary).Append("--\r\n").ToString();
    }

    /// <summary>Short printable ASCII as is; anything else as "=?utf-8?B?…?=" words of at most 45 bytes
    /// each, folded onto their own lines, never splitting a character.</summary>
    public static string Header(string value)
    {
        value = value.ReplaceLineEndings(" ");
        if (value.Length <= 900 && value.All(c => c is >= ' ' and <= '~'))
            return value;
        var words = new List<string>();
        var chunk = new StringBuilder();
        foreach (var rune in value.EnumerateRunes())
        {
            if (Encoding.UTF8.GetByteCount(chunk.ToString()) + rune.Utf8SequenceLength > 45)
            {
                words.Add(Word(chunk.ToString()));
                chunk.Clear();
            }
            chunk.Append(rune.ToString());
        }
        if (chunk.Length > 0)
            words.Add(Word(chunk.ToString()));
        return string.Join("\r\n ", words);

        static string Word(string text) => $"=?utf-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}?=";
    }

    private static void Part(StringBuilder mime, string boundary, string type, string body)
    {
        mime.Append("--").Append(boundary).Append("\r\n");
        mime.Append("Content-Type: ").Append(type).Append("; charset=utf-8\r\n");
        mime.Append("Content-Transfer-Encoding: base64\r\n\r\n");
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(body));
        for (var i = 0; i < encoded.Length; i += 76)
            mime.Append(encoded, i, Math.Min(76, encoded.Length - i)).Append("\r\n");
    }
}
