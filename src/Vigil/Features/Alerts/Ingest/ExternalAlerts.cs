using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Vigil.Features.Accounts;
using Vigil.Features.Projects;
using Vigil.Features.Projects.Storage;
using Vigil.Infrastructure.Ingest;
using Vigil.Infrastructure.Observability;

namespace Vigil.Features.Alerts.Ingest;

/// <summary>POST /api/alerts: how application code, cron jobs and outside scripts raise and resolve alerts.
/// Authenticate (a project key, or an API token naming <c>project</c>) → limit → parse → validate → fire or resolve.
/// Every refusal is counted in vigil_ingest_rejected_total{stream="alerts"} by reason.</summary>
public sealed class ExternalAlerts(ProjectKeyCache keys, ProjectStore projects, AlertService alerts, VigilMetrics metrics, IOptions<AlertsOptions> options)
    : IDisposable
{
    public const string Stream = "alerts";
    private const int MaxBodyBytes = 256 * 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Its own buckets: alerts do not spend the project's event ingest limit, nor events the alerts'.
    private readonly ProjectRateLimiter _limiter = new();

    public async Task<IResult> ReceiveAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var key = IngestKey.From(context.Request);
        var identity = key is null ? null : await keys.ResolveAsync(key, cancellationToken);
        ClaimsPrincipal? user = null;
        if (identity is null && context.Request.Headers.Authorization.Count > 0)
        {
            var result = await context.AuthenticateAsync(BearerTokenHandler.SchemeName);
            user = result.Succeeded ? result.Principal : null;
        }
        if (identity is null && user is null)
            return Reject(401, IngestOutcome.Unauthorized, key is null
                ? "Send a project key (X-Vigil-Key or Authorization: Bearer KEY) or an API token."
                : "The key is neither a project key nor an API token.");
        if (identity?.Key.IsRevoked == true)
            return Reject(401, IngestOutcome.Unauthorized, "This project key was revoked.");
        // A project key names its project, so it is limited before its body is read; a token names it in the body.
        if (identity is not null && Limit(identity.Project) is { } limited)
            return limited;
        if (context.Request.ContentLength > MaxBodyBytes)
            return Reject(413, IngestOutcome.TooLarge, $"An alert is at most {MaxBodyBytes} bytes.");

        ExternalAlertRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<ExternalAlertRequest>(context.Request.Body, Json, cancellationToken);
        }
        catch (JsonException failure)
        {
            return Reject(400, IngestOutcome.Invalid, $"The body is not valid JSON: {failure.Message}");
        }
        if (request is null)
            return Reject(400, IngestOutcome.Invalid, "Send a JSON object: {\"dedupKey\", \"severity\", \"summary\"}.");

        var project = identity?.Project;
        if (project is null)
        {
            var slug = request.Project ?? context.Request.Query["project"].ToString();
            if (string.IsNullOrWhiteSpace(slug))
                return Reject(400, IngestOutcome.Invalid, "project: with an API token, name the project (its slug).");
            project = await projects.FindAsync(slug, cancellationToken);
            if (project is null)
                return Reject(404, IngestOutcome.Invalid, $"project: no project with slug '{slug}'.");
            if (Limit(project) is { } overLimit)
                return overLimit;
        }
        if (string.IsNullOrWhiteSpace(request.DedupKey))
            return Reject(400, IngestOutcome.Invalid, "dedupKey: required; alerts with the same key are one alert.");
        if (request.DedupKey.Length > 500)
            return Reject(400, IngestOutcome.Invalid, "dedupKey: at most 500 characters.");
        var action = request.Action ?? "trigger";
        var actor = identity is not null ? $"key:{identity.Key.Label}" : user!.Identity?.Name ?? "token";
        if (action == "resolve")
        {
            var resolved = await alerts.ResolveOpenAsync(project.Id, request.DedupKey, actor,
                string.IsNullOrWhiteSpace(request.Summary) ? $"resolved by {request.Source ?? actor}" : request.Summary, cancellationToken);
            return resolved is null
                ? Reject(404, IngestOutcome.Invalid, $"dedupKey: no open alert with key '{request.DedupKey}' to resolve.")
                : Results.Json(new { id = resolved.Id, status = resolved.Status, deduplicated = false });
        }
        if (action != "trigger")
            return Reject(400, IngestOutcome.Invalid, $"action: '{action}' is not an action; use trigger or resolve.");
        if (Severities.Parse(request.Severity) is not { } severity)
            return Reject(400, IngestOutcome.Invalid, $"severity: {(request.Severity is null ? "required" : $"'{request.Severity}' is not a severity")}; use {Severities.Choices}.");
        if (string.IsNullOrWhiteSpace(request.Summary))
            return Reject(400, IngestOutcome.Invalid, "summary: required; say what is happening.");
        if (request.Summary.Length > 2000)
            return Reject(400, IngestOutcome.Invalid, "summary: at most 2000 characters.");
        var details = new Dictionary<string, string>();
        foreach (var (name, value) in request.Details ?? [])
        {
            if (value is JsonObject or JsonArray)
                return Reject(400, IngestOutcome.Invalid, $"details.{name}: values are strings, numbers or booleans.");
            details[name] = value is JsonValue text && text.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";
        }
        var source = string.IsNullOrWhiteSpace(request.Source) ? "api" : request.Source.Trim();
        var labels = new Dictionary<string, string> { ["source"] = source };
        var firing = new AlertFiring(project.Id, null, request.DedupKey, request.Group ?? $"external:{request.DedupKey}", severity,
            request.Title ?? request.Summary, request.Summary, details, labels, source);
        var fired = await alerts.FireAsync(firing, cancellationToken);
        return Results.Json(new { id = fired.Alert.Id, status = fired.Alert.Status, deduplicated = fired.Deduplicated },
            statusCode: fired.Deduplicated ? 200 : 201);
    }

    public void Dispose() => _limiter.Dispose();

    private IResult? Limit(Project project)
    {
        var perMinute = options.Value.ExternalAlertsPerMinute;
        if (_limiter.TryAcquire(project.Id, perMinute, 1, out var retryAfter))
            return null;
        var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        return new HeaderResult(
            Reject(429, IngestOutcome.RateLimited, $"Project '{project.Slug}' is over its limit of {perMinute} alerts per minute; retry after {seconds} s."),
            "Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private IResult Reject(int status, string reason, string detail)
    {
        metrics.Rejected.Add(Stream, reason);
        return Results.Problem(detail: detail, statusCode: status);
    }
}
