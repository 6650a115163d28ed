using System.Text.Json.Nodes;

namespace Vigil.Features.Alerts.Ingest;

/// <summary>The body of POST /api/alerts. <c>project</c> is needed only with an API token (a project key names its project).</summary>
public sealed record ExternalAlertRequest(
    string? DedupKey,
    string? Severity,
    string? Summary,
    string? Title,
    JsonObject? Details,
    string? Source,
    string? Action,
    string? Group,
    string? Project);
