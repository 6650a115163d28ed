using System.Net.Security;

namespace Vigil.Features.Alerts.Channels.Email;

/// <summary>Which server certificates a channel accepts: a valid one always; a self-signed, expired or
/// mismatched one only when the channel allows it (a private relay, tests). It is a callback on each
/// connection's own SslStream, so one channel's choice never weakens another's or any other TLS in the
/// process.</summary>
public static class SmtpCertificatePolicy
{
    public static RemoteCertificateValidationCallback For(bool allowInvalid) =>
        (_, _, _, errors) => errors == SslPolicyErrors.None || allowInvalid;
}
