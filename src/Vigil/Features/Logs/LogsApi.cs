using System.Text.Json;
using Vigil.Features.Logs.Query;
using Vigil.Features.Logs.Storage;
using Vigil.Features.Projects.Storage;

namespace Vigil.Features.Logs;

/// <summary>Searching logs: events, aggregates, histogram, top templates and the live tail (server-sent events).
/// Every endpoint takes <c>project</c> (slug, default "default"), <c>q</c>, and <c>from</c>/<c>to</c> or <c>since</c>.</summary>
public static class LogsApi
{
    public static IEndpointRouteBuilder MapLogsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/logs").RequireAuthorization().WithTags("Logs");
        api.MapGet("/", SearchAsync);
        api.MapGet("/aggregate", AggregateAsync);
        api.MapGet("/histogram", HistogramAsync);
        api.MapGet("/templates", TemplatesAsync);
        api.MapGet("/tail", LogTail.StreamAsync);
        return app;
    }

    private static async Task<IResult> SearchAsync(HttpContext context, string? project, string? q, string? from, string? to, string? since,
        int? limit, string? cursor, ProjectStore projects, LogStore logs, TimeProvider clock, CancellationToken ct)
    {
        var (projectId, request, error) = await ResolveAsync(project, q, from, to, since, projects, clock);
        if (error is not null)
            return error;
        try
        {
            if (request!.Query.Aggregation is { } aggregation)
                return Results.Json(await logs.AggregateAsync(projectId, aggregation, request.Query.Filter, request.Range, ct));
            return Results.Json(await logs.SearchAsync(projectId, request.Query, request.Range, limit ?? 100, cursor, ct));
        }
        catch (LogQueryException failure)
        {
            return Problem(400, failure.Message, -1);
        }
    }

    private static async Task<IResult> AggregateAsync(string? project, string? q, string? from, string? to, string? since,
        ProjectStore projects, LogStore logs, TimeProvider clock, CancellationToken ct)
    {
        var (projectId, request, error) = await ResolveAsync(project, q, from, to, since, projects, clock);
        if (error is not null)
            return error;
        if (request!.Query.Aggregation is null)
            return Problem(400, "An aggregate query needs '| count()' or another aggregate after the filter.", (q ?? "").Length);
        try
        {
            return Results.Json(await logs.AggregateAsync(projectId, request.Query.Aggregation, request.Query.Filter, request.Range, ct));
        }
        catch (LogQueryException failure)
        {
            return Problem(400, failure.Message, -1);
        }
    }

    private static async Task<IResult> HistogramAsync(string? project, string? q, string? from, string? to, string? since, int? bins,
        ProjectStore projects, LogStore logs, TimeProvider clock, CancellationToken ct)
    {
        var (projectId, request, error) = await ResolveAsync(project, q, from, to, since, projects, clock);
        if (error is not null)
            return error;
        var bin = HistogramBins.Width(request!.Range, bins ?? 60);
        try
        {
            var counts = await logs.HistogramAsync(projectId, request.Query.Filter, request.Range, bin, ct);
            return Results.Json(new { binSeconds = bin.TotalSeconds, bins = counts });
        }
        catch (LogQueryException failure)
        {
            return Problem(400, failure.Message, -1);
        }
    }

    private static async Task<IResult> TemplatesAsync(string? project, string? q, string? from, string? to, string? since, int? limit,
        ProjectStore projects, LogStore logs, TimeProvider clock, CancellationToken ct)
    {
        var (projectId, request, error) = await ResolveAsync(project, q, from, to, since, projects, clock);
        if (error is not null)
            return error;
        try
        {
            return Results.Json(await logs.TopTemplatesAsync(projectId, request!.Query.Filter, request.Range, limit ?? 10, ct));
        }
        catch (LogQueryException failure)
        {
            return Problem(400, failure.Message, -1);
        }
    }

    internal static async Task<(long ProjectId, LogRequest? Request, IResult? Error)> ResolveAsync(
        string? project, string? q, string? from, string? to, string? since, ProjectStore projects, TimeProvider clock)
    {
        var slug = string.IsNullOrWhiteSpace(project) ? "default" : project;
        var found = await projects.FindAsync(slug);
        if (found is null)
            return (0, null, Problem(404, $"No project with slug '{slug}'.", -1));
        var (request, error, position) = LogRequest.Parse(q, from, to, since, clock.GetUtcNow());
        return error is not null ? (0, null, Problem(400, error, position)) : (found.Id, request, null);
    }

    /// <summary>A 400 for a query mistake carries where it is, so the page can underline it.</summary>
    internal static IResult Problem(int status, string detail, long position) =>
        Results.Json(new { detail, position = position >= 0 ? position : (long?)null }, statusCode: status);

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
