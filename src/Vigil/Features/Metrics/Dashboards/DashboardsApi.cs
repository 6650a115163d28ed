using Vigil.Features.Accounts;
using Vigil.Features.Projects.Storage;

namespace Vigil.Features.Metrics.Dashboards;

/// <summary>GET/POST /api/projects/{slug}/dashboards, GET/PUT/DELETE /api/dashboards/{id}.
/// Writes from the page carry the antiforgery token (<see cref="CookieCsrf"/>).</summary>
public static class DashboardsApi
{
    public static IEndpointRouteBuilder MapDashboardsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().WithTags("Dashboards");
        api.MapGet("/projects/{slug}/dashboards", ListAsync);
        api.MapPost("/projects/{slug}/dashboards", CreateAsync).AddEndpointFilter<CookieCsrf>();
        api.MapGet("/dashboards/{id:long}", GetAsync);
        api.MapPut("/dashboards/{id:long}", UpdateAsync).AddEndpointFilter<CookieCsrf>();
        api.MapDelete("/dashboards/{id:long}", DeleteAsync).AddEndpointFilter<CookieCsrf>();
        return app;
    }

    private static async Task<IResult> ListAsync(string slug, ProjectStore projects, DashboardStore dashboards, CancellationToken ct) =>
        await projects.FindAsync(slug, ct) is { } project ? Results.Ok(await dashboards.ListAsync(project.Id, ct)) : NoProject(slug);

    private static async Task<IResult> CreateAsync(string slug, DashboardValidator.Request request, ProjectStore projects, DashboardStore dashboards, CancellationToken ct)
    {
        if (await projects.FindAsync(slug, ct) is not { } project)
            return NoProject(slug);
        var (draft, field, error) = DashboardValidator.Validate(request);
        if (draft is null)
            return Invalid(field!, error!);
        var created = await dashboards.CreateAsync(project.Id, draft, ct);
        return Results.Created($"/api/dashboards/{created.Id}", created);
    }

    private static async Task<IResult> GetAsync(long id, DashboardStore dashboards, CancellationToken ct) =>
        await dashboards.GetAsync(id, ct) is { } dashboard ? Results.Ok(dashboard) : NoDashboard(id);

    private static async Task<IResult> UpdateAsync(long id, DashboardValidator.Request request, DashboardStore dashboards, CancellationToken ct)
    {
        var (draft, field, error) = DashboardValidator.Validate(request);
        if (draft is null)
            return Invalid(field!, error!);
        return await dashboards.UpdateAsync(id, draft, ct) ? Results.Ok(await dashboards.GetAsync(id, ct)) : NoDashboard(id);
    }

    private static async Task<IResult> DeleteAsync(long id, DashboardStore dashboards, CancellationToken ct) =>
        await dashboards.DeleteAsync(id, ct) ? Results.NoContent() : NoDashboard(id);

    private static IResult Invalid(string field, string error) => Results.Problem(
        title: "Invalid dashboard", detail: error, statusCode: 400, extensions: new Dictionary<string, object?> { ["field"] = field });

    private static IResult NoProject(string slug) => Results.Problem(detail: $"No project with slug '{slug}'.", statusCode: 404);

    private static IResult NoDashboard(long id) => Results.Problem(detail: $"No dashboard {id}.", statusCode: 404);
}
