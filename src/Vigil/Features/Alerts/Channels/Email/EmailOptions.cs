namespace Vigil.Features.Alerts.Channels.Email;

/// <summary>An SMTP relay. <paramref name="Starttls"/> (default on) upgrades the connection with STARTTLS
/// and refuses to send if the server cannot; <paramref name="AllowInvalidCertificate"/> accepts a
/// self-signed or mismatched certificate (a private relay, tests) and should otherwise stay off.</summary>
public sealed record EmailOptions(
    string? Host,
    int? Port,
    string? From,
    List<string>? To,
    string? Username,
    string? Password,
    bool? Starttls,
    bool? AllowInvalidCertificate)
{
    public int SmtpPort => Port ?? 587;
    public bool UseStarttls => Starttls ?? true;
}
