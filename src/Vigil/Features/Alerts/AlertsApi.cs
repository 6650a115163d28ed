using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Vigil.Features.Accounts;
using Vigil.Features.Alerts.Noise;
using Vigil.Features.Alerts.Routing;
using Vigil.Features.Alerts.Rules;
using Vigil.Features.Alerts.Silences;
using Vigil.Features.Alerts.Storage;
using Vigil.Features.Projects.Storage;

namespace Vigil.Features.Alerts;

/// <summary>The management API for alerts (cookie or bearer token): list, detail with history and notifications,
/// acknowledge, resolve, snooze, the noise report; rules, routing and silences map their own routes.</summary>
public static class AlertsApi
{
    public sealed record ResolveRequest(string? Reason);
    public sealed record SnoozeRequest(DateTimeOffset? Until, double? Minutes);

    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().WithTags("Alerts");
        api.MapGet("/projects/{slug}/alerts", ListAsync);
        api.MapGet("/projects/{slug}/alerts/noise", NoiseAsync);
        api.MapGet("/alerts/{id:long}", GetAsync);
        api.MapPost("/alerts/{id:long}/acknowledge", AcknowledgeAsync).AddEndpointFilter<CookieCsrf>();
        api.MapPost("/alerts/{id:long}/resolve", ResolveAsync).AddEndpointFilter<CookieCsrf>();
        api.MapPost("/alerts/{id:long}/snooze", SnoozeAsync).AddEndpointFilter<CookieCsrf>();
        api.MapRulesApi();
        api.MapRoutingApi();
        api.MapSilencesApi();
        return app;
    }

    private static async Task<Results<Ok<List<AlertView>>, NotFound<ProblemDetails>, BadRequest<ProblemDetails>>> ListAsync(
        string slug, string? status, string? severity, long? rule, int? limit, ProjectStore projects, AlertStore alerts, CancellationToken ct)
    {
        var project = await projects.FindAsync(slug, ct);
        if (project is null)
            return TypedResults.NotFound(Problem(404, $"No project with slug '{slug}'."));
        if (status is not null && status != "open" && !AlertStatus.All.Contains(status))
            return TypedResults.BadRequest(Problem(400, $"status: use open, {string.Join(", ", AlertStatus.All)}."));
        AlertSeverity? parsed = null;
        if (severity is not null && (parsed = Severities.Parse(severity)) is null)
            return TypedResults.BadRequest(Problem(400, $"severity: use {Severities.Choices}."));
        var list = await alerts.ListAsync(project.Id, new AlertFilter(status, parsed, rule, limit ?? 100), ct);
        return TypedResults.Ok(list.Select(AlertView.From).ToList());
    }

    private static async Task<Results<Ok<AlertDetail>, NotFound<ProblemDetails>>> GetAsync(long id, AlertStore alerts, CancellationToken ct)
    {
        var alert = await alerts.GetAsync(id, ct);
        if (alert is null)
            return TypedResults.NotFound(Problem(404, $"No alert {id}."));
        return TypedResults.Ok(new AlertDetail(AlertView.From(alert), await alerts.HistoryAsync(id, ct), await alerts.NotificationsAsync(id, ct)));
    }

    private static async Task<Results<Ok<AlertView>, NotFound<ProblemDetails>>> AcknowledgeAsync(
        long id, HttpContext context, AlertService service, CancellationToken ct)
    {
        var actor = Actor(context);
        var alert = await service.AcknowledgeAsync(id, actor, $"acknowledged by {actor}", ct);
        return alert is null ? TypedResults.NotFound(Problem(404, $"No alert {id}.")) : TypedResults.Ok(AlertView.From(alert));
    }

    private static async Task<Results<Ok<AlertView>, NotFound<ProblemDetails>, BadRequest<ProblemDetails>>> ResolveAsync(
        long id, HttpContext context, AlertService service, CancellationToken ct)
    {
        // The body is optional: a bare POST resolves without a reason.
        ResolveRequest? request = null;
        if (context.Request.ContentLength != 0 && context.Request.HasJsonContentType())
        {
            try
            {
                request = await context.Request.ReadFromJsonAsync<ResolveRequest>(ct);
            }
            catch (System.Text.Json.JsonException failure)
            {
                return TypedResults.BadRequest(Problem(400, $"The body is not valid JSON: {failure.Message}"));
            }
        }
        var actor = Actor(context);
        var alert = await service.ResolveAsync(id, actor, string.IsNullOrWhiteSpace(request?.Reason) ? $"resolved by {actor}" : request.Reason, ct);
        return alert is null ? TypedResults.NotFound(Problem(404, $"No alert {id}.")) : TypedResults.Ok(AlertView.From(alert));
    }

    private static async Task<Results<Ok<AlertView>, NotFound<ProblemDetails>, BadRequest<ProblemDetails>>> SnoozeAsync(
        long id, SnoozeRequest request, HttpContext context, AlertService service, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        DateTimeOffset until;
        if (request.Until is { } at)
            until = at;
        else if (request.Minutes is > 0 and <= 60 * 24 * 30)
            until = now.AddMinutes(request.Minutes.Value);
        else
            return TypedResults.BadRequest(Problem(400, "until or minutes: send {\"until\": ISO time} or {\"minutes\": 1 to 43200}."));
        if (until <= now)
            return TypedResults.BadRequest(Problem(400, "until: must be in the future."));
        var alert = await service.SnoozeAsync(id, until, Actor(context), ct);
        return alert is null ? TypedResults.NotFound(Problem(404, $"No alert {id}.")) : TypedResults.Ok(AlertView.From(alert));
    }

    private static async Task<Results<Ok<NoiseReport.Report>, NotFound<ProblemDetails>>> NoiseAsync(
        string slug, int? weeks, ProjectStore projects, NoiseReport noise, CancellationToken ct)
    {
        var project = await projects.FindAsync(slug, ct);
        if (project is null)
            return TypedResults.NotFound(Problem(404, $"No project with slug '{slug}'."));
        return TypedResults.Ok(await noise.BuildAsync(project.Id, Math.Clamp(weeks ?? 4, 1, 52), ct));
    }

    public sealed record AlertDetail(AlertView Alert, IReadOnlyList<AlertEvent> History, IReadOnlyList<AlertNotification> Notifications);

    internal static string Actor(HttpContext context) => context.User.Identity?.Name ?? "unknown";

    internal static ProblemDetails Problem(int status, string detail) =>
        new() { Status = status, Title = status == 404 ? "Not found" : "Bad request", Detail = detail };
}
