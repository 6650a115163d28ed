using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;
using Vigil.Features.Alerts.Channels;

namespace Vigil.Features.Alerts.Storage;

/// <summary>Encrypts a channel's secret options at rest with ASP.NET Data Protection (keys in DATA/keys;
/// several instances must share that folder), masks them for display, and keeps a stored secret when
/// an edit sends its mask back.</summary>
public sealed class ChannelSecrets(IDataProtectionProvider provider)
{
    public const string Mask = "••••";
    private const string Prefix = "dp1:";

    private readonly IDataProtector _protector = provider.CreateProtector("Vigil.Alerts.Channels");

    public string Protect(IAlertChannel channel, JsonObject options)
    {
        var stored = (JsonObject)options.DeepClone();
        foreach (var field in channel.Fields.Where(f => f.IsSecret))
        {
            if (stored[field.Name] is { } value)
                stored[field.Name] = Prefix + _protector.Protect(value.ToJsonString());
        }
        return stored.ToJsonString();
    }

    public JsonObject Unprotect(string storedJson)
    {
        var options = JsonNode.Parse(storedJson)?.AsObject() ?? [];
        foreach (var (name, value) in options.ToList())
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var text) && text.StartsWith(Prefix, StringComparison.Ordinal))
            {
                try
                {
                    options[name] = JsonNode.Parse(_protector.Unprotect(text[Prefix.Length..]));
                }
                catch (CryptographicException)
                {
                    // The keys that encrypted it are gone (DATA/keys not shared or lost): the field reads as
                    // missing, so validation asks for it again instead of sending with garbage.
                    options.Remove(name);
                }
            }
        }
        return options;
    }

    /// <summary>The options as a client may see them: URLs and keys as "••••" plus their last four
    /// characters, passwords and header maps as "••••" alone.</summary>
    public static JsonObject Masked(IAlertChannel? channel, JsonObject options)
    {
        var masked = (JsonObject)options.DeepClone();
        foreach (var field in channel?.Fields.Where(f => f.IsSecret) ?? [])
        {
            if (masked[field.Name] is not { } value)
                continue;
            var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            masked[field.Name] = field.Secret == SecretMask.LastFour && text is { Length: > 8 } ? Mask + text[^4..] : Mask;
        }
        return masked;
    }

    /// <summary>An edit that sends back a secret's mask (or leaves a secret out) keeps the stored value;
    /// an explicit null clears it.</summary>
    public static JsonObject KeepUnchanged(IAlertChannel channel, JsonObject incoming, JsonObject? current)
    {
        var merged = (JsonObject)incoming.DeepClone();
        foreach (var field in channel.Fields.Where(f => f.IsSecret))
        {
            var sent = merged.TryGetPropertyValue(field.Name, out var value);
            var isMask = value is JsonValue v && v.TryGetValue<string>(out var text) && text.StartsWith(Mask, StringComparison.Ordinal);
            if ((!sent || isMask) && current?[field.Name] is { } stored)
                merged[field.Name] = stored.DeepClone();
            else if (isMask)
                merged.Remove(field.Name);
        }
        return merged;
    }

    /// <summary>Every secret value in clear, so an error text can be scrubbed of them before it is stored.</summary>
    public static IEnumerable<string> Values(IAlertChannel channel, JsonObject options)
    {
        foreach (var field in channel.Fields.Where(f => f.IsSecret))
        {
            switch (options[field.Name])
            {
                case JsonValue v when v.TryGetValue<string>(out var text) && text.Length >= 4:
                    yield return text;
                    break;
                case JsonObject map:
                    foreach (var (_, item) in map)
                    {
                        if (item is JsonValue iv && iv.TryGetValue<string>(out var itemText) && itemText.Length >= 4)
                            yield return itemText;
                    }
                    break;
            }
        }
    }
}
