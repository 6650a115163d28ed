using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Vigil.Features.Accounts;
using Vigil.Features.Projects.Storage;

namespace Vigil.Features.Alerts.Routing;

/// <summary>GET/PUT /api/projects/{slug}/alert-routing: the project's routing policy (configured: false while the default applies).</summary>
public static class RoutingApi
{
    public sealed record RoutingView(RoutingPolicy Policy, bool Configured);

    public static RouteGroupBuilder MapRoutingApi(this RouteGroupBuilder api)
    {
        api.MapGet("/projects/{slug}/alert-routing", GetAsync);
        api.MapPut("/projects/{slug}/alert-routing", PutAsync).AddEndpointFilter<CookieCsrf>();
        return api;
    }

    private static async Task<Results<Ok<RoutingView>, NotFound<ProblemDetails>>> GetAsync(string slug, ProjectStore projects, RoutingStore routing, CancellationToken ct)
    {
        var project = await projects.FindAsync(slug, ct);
        if (project is null)
            return TypedResults.NotFound(AlertsApi.Problem(404, $"No project with slug '{slug}'."));
        var (policy, configured) = await routing.GetAsync(project.Id, ct);
        return TypedResults.Ok(new RoutingView(policy, configured));
    }

    private static async Task<Results<Ok<RoutingView>, NotFound<ProblemDetails>, BadRequest<ProblemDetails>>> PutAsync(
        string slug, RoutingPolicy? policy, ProjectStore projects, RoutingStore routing, CancellationToken ct)
    {
        var project = await projects.FindAsync(slug, ct);
        if (project is null)
            return TypedResults.NotFound(AlertsApi.Problem(404, $"No project with slug '{slug}'."));
        if (policy?.Severities is null)
            return TypedResults.BadRequest(AlertsApi.Problem(400, "severities: required, e.g. {\"critical\": [{\"channels\": [1]}]}."));
        if (await routing.PutAsync(project.Id, policy, ct) is { } error)
            return TypedResults.BadRequest(AlertsApi.Problem(400, error));
        var (saved, configured) = await routing.GetAsync(project.Id, ct);
        return TypedResults.Ok(new RoutingView(saved, configured));
    }
}
