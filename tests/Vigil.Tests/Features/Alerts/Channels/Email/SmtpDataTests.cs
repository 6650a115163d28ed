using System.Text;
using Vigil.Features.Alerts.Channels.Email;

namespace Vigil.Tests.Features.Alerts.Channels.Email;

public sealed class SmtpDataTests
{
    [Theory]
    [InlineData("a\r\nb", "a\r\nb\r\n.\r\n")]
    [InlineData("a\nb\n", "a\r\nb\r\n.\r\n")]
    [InlineData(".\n..x\ny.", "..\r\n...x\r\ny.\r\n.\r\n")]
    [InlineData(".lead", "..lead\r\n.\r\n")]
    public void LinesEndInCrlfLeadingDotsAreDoubledAndALoneDotEndsTheData(string message, string expected) =>
        Assert.Equal(expected, Encoding.UTF8.GetString(SmtpData.Encode(message)));
}
