namespace Vigil.Features.Alerts.Channels;

public enum FieldType
{
    Text,
    Url,
    Number,
    Boolean,
    /// <summary>Several strings (JSON array; comma-separated in a form).</summary>
    List,
    /// <summary>Name → value pairs (JSON object; "Name: value" lines in a form).</summary>
    Map,
}

/// <summary>How a secret is shown back: a URL or key shows its last four characters so a person can
/// tell two apart; a password shows nothing of itself.</summary>
public enum SecretMask
{
    None,
    LastFour,
    Hidden,
}

/// <summary>One option of a channel, described for the API, the form and the secret handling.</summary>
public sealed record ChannelField(
    string Name,
    string Label,
    FieldType Type,
    bool Required = false,
    SecretMask Secret = SecretMask.None,
    string? Placeholder = null,
    string? Help = null)
{
    public bool IsSecret => Secret != SecretMask.None;
}
