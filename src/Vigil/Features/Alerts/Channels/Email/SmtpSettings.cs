namespace Vigil.Features.Alerts.Channels.Email;

/// <summary>Where and how <see cref="SmtpSession"/> connects. <see cref="Password"/> is only ever sent to
/// the server; it never appears in an error.</summary>
public sealed record SmtpSettings(
    string Host,
    int Port,
    SmtpSecurity Security,
    string? Username = null,
    string? Password = null,
    bool AllowInvalidCertificate = false);
