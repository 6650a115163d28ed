namespace Vigil.Features.Alerts.Channels.Email;

/// <summary>An SMTP relay. <paramref name="ImplicitTls"/> speaks TLS from the first byte (SMTPS; on by
/// default for port 465); otherwise <paramref name="Starttls"/> (default on) upgrades the connection and
/// refuses to send if the server cannot. <paramref name="AllowInvalidCertificate"/> accepts a self-signed
/// or mismatched certificate (a private relay, tests) and should otherwise stay off.</summary>
public sealed record EmailOptions(
    string? Host,
    int? Port,
    string? From,
    List<string>? To,
    string? Username,
    string? Password,
    bool? Starttls,
    bool? AllowInvalidCertificate,
    bool? ImplicitTls = null)
{
    public SmtpSecurity Security =>
        ImplicitTls ?? Port == 465 ? SmtpSecurity.ImplicitTls
        : Starttls ?? true ? SmtpSecurity.StartTls
        : SmtpSecurity.None;

    public int SmtpPort => Port ?? (Security == SmtpSecurity.ImplicitTls ? 465 : 587);
}
