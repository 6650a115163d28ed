using System.Text;
using System.Text.RegularExpressions;
using Vigil.Features.Alerts.Channels.Email;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Alerts.Channels.Email;

public sealed partial class EmailMimeTests
{
    [Fact]
    public void APlainAsciiSubjectStaysAsItIs() =>
        Assert.Equal("[CRITICAL] disk full", EmailMime.Header("[CRITICAL] disk full"));

    [Fact]
    public void ANonAsciiSubjectBecomesFoldedUtf8WordsThatDecodeBackWhole()
    {
        var subject = "Zahlung fehlgeschlagen für Bestellung 🧾 " + new string('ü', 40);

        var header = EmailMime.Header(subject);

        var words = EncodedWord().Matches(header);
        Assert.True(words.Count > 1);
        Assert.All(header.Split("\r\n"), line => Assert.True(line.Length <= 78, line));
        Assert.Equal(subject, string.Concat(words.Select(w => Encoding.UTF8.GetString(Convert.FromBase64String(w.Groups[1].Value)))));
    }

    [Fact]
    public void TheMessageIsAsciiWithBothBodiesDecodable()
    {
        var mime = EmailMime.Build("vigil@example.com", ["a@example.com", "b@example.com"], "Störung", "plain ünïcode", "<p>html</p>", DateTimeOffset.UnixEpoch);

        Assert.All(mime, c => Assert.True(c < 128));
        Assert.Contains("To: a@example.com, b@example.com\r\n", mime);
        Assert.Contains("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n", mime);
        var bodies = MimeText.Decode(mime);
        Assert.Contains("plain ünïcode", bodies);
        Assert.Contains("<p>html</p>", bodies);
    }

    [GeneratedRegex(@"=\?utf-8\?B\?([A-Za-z0-9+/=]+)\?=")]
    private static partial Regex EncodedWord();
}
