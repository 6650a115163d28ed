namespace Vigil.Features.Alerts.Channels.Email;

/// <summary>A recipient the server would not take at RCPT TO, with the reply code: a 4xx may take it later,
/// a 5xx (no such mailbox) will not. The address is one the channel was configured with, never the server's text.</summary>
public sealed record SmtpRefusal(string Recipient, int Code)
{
    public bool IsTransient => Code is >= 400 and < 500;

    public override string ToString() => $"{Recipient} (SMTP {Code})";
}
