using Vigil.Features.Metrics.Query;
using Vigil.Features.Metrics.Storage;
using Vigil.Features.Projects;
using Vigil.Features.Projects.Storage;

namespace Vigil.Features.Metrics;

/// <summary>
/// Reading metrics (bearer token or signed-in cookie): <c>GET /api/metrics?project=</c> lists names
/// (derived ones too), <c>GET /api/metrics/tags?project=&amp;name=&amp;key=</c> lists a tag's values, and
/// <c>GET|POST /api/metrics/query</c> runs a <see cref="MetricQuery"/> (see <see cref="MetricRequest"/>).
/// </summary>
public static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/metrics").RequireAuthorization().WithTags("Metrics");
        api.MapGet("/", ListAsync);
        api.MapGet("/tags", TagsAsync);
        api.MapGet("/query", (HttpContext context, string? project, string? name, string? agg, string? from, string? to, string? since, string? step,
                string? offset, ProjectStore projects, MetricCatalogStore catalog, IMetricQueryService service, TimeProvider clock, CancellationToken ct) =>
            QueryAsync(project, new MetricRequest(name, agg, context.Request.Query["filter"].OfType<string>().ToList(),
                context.Request.Query["groupBy"].OfType<string>().ToList(), from, to, since, step, offset), projects, catalog, service, clock, ct));
        api.MapPost("/query", (string? project, QueryBody body, ProjectStore projects, MetricCatalogStore catalog, IMetricQueryService service,
                TimeProvider clock, CancellationToken ct) =>
            QueryAsync(body.Project ?? project, new MetricRequest(body.Name, body.Agg, body.Filter, body.GroupBy, body.From, body.To, body.Since,
                body.Step, body.Offset), projects, catalog, service, clock, ct));
        return app;
    }

    /// <summary>The POST body: the GET parameters as JSON, filters and groupBy as arrays.</summary>
    public sealed record QueryBody(string? Project, string? Name, string? Agg, List<string>? Filter, List<string>? GroupBy,
        string? From, string? To, string? Since, string? Step, string? Offset);

    private static async Task<IResult> ListAsync(string? project, ProjectStore projects, MetricCatalogStore catalog, DerivedSeries derived, CancellationToken ct)
    {
        if (await FindAsync(project, projects, ct) is not { } found)
            return NoProject(project);
        var stored = await catalog.ListAsync(found.Id, ct);
        return Results.Json(stored.Concat(await derived.ListAsync(found.Id, ct)).Select(Present));
    }

    private static async Task<IResult> TagsAsync(string? project, string? name, string? key, ProjectStore projects, MetricCatalogStore catalog,
        DerivedSeries derived, CancellationToken ct)
    {
        if (await FindAsync(project, projects, ct) is not { } found)
            return NoProject(project);
        if (string.IsNullOrWhiteSpace(name))
            return Problem("name", "Name the metric: name=http.requests.");
        if (string.IsNullOrWhiteSpace(key))
            return Problem("key", "Name the tag: key=route.");
        return Results.Json(DerivedSeries.IsDerived(name)
            ? await derived.TagValuesAsync(found.Id, name, key, ct)
            : await catalog.TagValuesAsync(found.Id, name, key, ct));
    }

    private static async Task<IResult> QueryAsync(string? project, MetricRequest request, ProjectStore projects, MetricCatalogStore catalog,
        IMetricQueryService service, TimeProvider clock, CancellationToken ct)
    {
        if (await FindAsync(project, projects, ct) is not { } found)
            return NoProject(project);
        var (query, failure) = request.ToQuery(found.Id, clock.GetUtcNow());
        if (failure is not null)
            return Problem(failure.Parameter, failure.Message);
        try
        {
            var result = await service.QueryAsync(query!, ct);
            return result is null
                ? Results.Problem(statusCode: 404, title: "No such metric", detail: $"Project '{found.Slug}' has no metric named '{query!.Name}'.")
                : MetricQueryJson.Result(result);
        }
        catch (ArgumentException error)
        {
            return Problem(error.ParamName ?? "query", error.Message.Split(" (Parameter")[0]);
        }
    }

    private static object Present(Query.MetricSummary metric) => new
    {
        name = metric.Name,
        kind = metric.Kind,
        unit = metric.Unit,
        series = metric.Series,
        tagKeys = metric.TagKeys,
        lastSeen = metric.LastSeen,
    };

    private static Task<Project?> FindAsync(string? project, ProjectStore projects, CancellationToken ct) =>
        projects.FindAsync(string.IsNullOrWhiteSpace(project) ? "default" : project, ct);

    private static IResult NoProject(string? project) =>
        Results.Problem(statusCode: 404, title: "No such project", detail: $"No project with slug '{(string.IsNullOrWhiteSpace(project) ? "default" : project)}'.");

    private static IResult Problem(string parameter, string detail) =>
        Results.Problem(statusCode: 400, title: $"Bad parameter '{parameter}'", detail: detail, extensions: new Dictionary<string, object?> { ["parameter"] = parameter });
}
