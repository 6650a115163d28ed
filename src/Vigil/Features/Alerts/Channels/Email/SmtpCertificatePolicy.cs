using System.Net;
using System.Net.Security;

namespace Vigil.Features.Alerts.Channels.Email;

/// <summary>System.Net.Mail.SmtpClient has no per-client certificate callback: its STARTTLS handshake
/// consults the process-wide ServicePointManager.ServerCertificateValidationCallback. That callback is
/// installed once and accepts an invalid certificate only inside a send whose channel allows it (an
/// AsyncLocal flag), so one channel's choice never weakens another's or any other TLS in the process.</summary>
public static class SmtpCertificatePolicy
{
    private static readonly AsyncLocal<bool> AllowInvalid = new();
    private static int _installed;

    public static IDisposable Scope(bool allowInvalid)
    {
        if (Interlocked.Exchange(ref _installed, 1) == 0)
        {
#pragma warning disable SYSLIB0014 // ServicePointManager is obsolete, but it is the only hook SmtpClient reads.
            var previous = ServicePointManager.ServerCertificateValidationCallback;
            ServicePointManager.ServerCertificateValidationCallback = (sender, certificate, chain, errors) =>
                errors == SslPolicyErrors.None || AllowInvalid.Value || (previous?.Invoke(sender, certificate, chain, errors) ?? false);
#pragma warning restore SYSLIB0014
        }
        AllowInvalid.Value = allowInvalid;
        return new Reset();
    }

    private sealed class Reset : IDisposable
    {
        public void Dispose() => AllowInvalid.Value = false;
    }
}
