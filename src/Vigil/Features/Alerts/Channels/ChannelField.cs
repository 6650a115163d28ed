using System.Text.Json.Nodes;

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

/// <summary>One option of a channel, described for the API, the form and the secret handling.
/// <paramref name="Default"/> says, for a Boolean, whether it is on when the options leave it out; it may
/// depend on the other options (email's implicitTls follows the port), so a form shows what will happen.</summary>
public sealed record ChannelField(
    string Name,
    string Label,
    FieldType Type,
    bool Required = false,
    SecretMask Secret = SecretMask.None,
    string? Placeholder = null,
    string? Help = null,
    Func<JsonObject, bool>? Default = null)
{
    public bool IsSecret => Secret != SecretMask.None;

    /// <summary>A Boolean's value in <paramref name="options"/>, or its default when they leave it out.</summary>
    public bool IsOn(JsonObject options) =>
        options[Name] is JsonValue value && value.TryGetValue<bool>(out var on) ? on : Default?.Invoke(options) ?? false;
}
