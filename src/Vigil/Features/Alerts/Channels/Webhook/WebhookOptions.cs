namespace Vigil.Features.Alerts.Channels.Webhook;

/// <summary><paramref name="Secret"/> signs each body (X-Vigil-Signature); <paramref name="Headers"/> are
/// sent as given (for a receiver's own auth) and are secret too.</summary>
public sealed record WebhookOptions(string? Url, string? Secret, Dictionary<string, string>? Headers);
