namespace Vigil.Features.Alerts.Channels;

/// <summary>A recipient a message has not reached, and the receiver's verdict in a few words ("SMTP 450"):
/// a recipient the channel was configured with, never the receiver's own text.</summary>
public sealed record Unreached(string Recipient, string Why)
{
    public override string ToString() => $"{Recipient} ({Why})";
}
