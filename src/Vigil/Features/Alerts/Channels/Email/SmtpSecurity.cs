namespace Vigil.Features.Alerts.Channels.Email;

/// <summary>How a connection to the relay is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>Clear text throughout (a relay on a trusted local network).</summary>
    None,
    /// <summary>Connect in clear, then upgrade with STARTTLS; refuse to go on if the server cannot.</summary>
    StartTls,
    /// <summary>TLS from the first byte (SMTPS, port 465).</summary>
    ImplicitTls,
}
