namespace Vigil.Features.Alerts.Channels.Teams;

/// <summary>A Teams Workflows ("When a Teams webhook request is received") or incoming-webhook URL; the URL is the credential.</summary>
public sealed record TeamsOptions(string? Url);
