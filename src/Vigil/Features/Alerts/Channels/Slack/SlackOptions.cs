namespace Vigil.Features.Alerts.Channels.Slack;

/// <summary>An incoming-webhook URL (https://hooks.slack.com/services/…); the URL is the credential.</summary>
public sealed record SlackOptions(string? Url);
