using Vigil.Features.Accounts;
using Vigil.Features.Logs.Storage;
using Vigil.Features.Projects.Storage;
using Vigil.Protocols.LogQuery;

namespace Vigil.Features.Logs;

/// <summary>Saved searches: GET/POST /api/logs/searches?project=, DELETE /api/logs/searches/{id}.
/// Writes from the page carry the antiforgery token (<see cref="CookieCsrf"/>).</summary>
public static class SavedSearchesApi
{
    public const int MaxNameLength = 100;

    public sealed record CreateRequest(string? Name, string? Query);

    public static RouteGroupBuilder MapSavedSearches(this RouteGroupBuilder logs)
    {
        logs.MapGet("/searches", ListAsync);
        logs.MapPost("/searches", CreateAsync).AddEndpointFilter<CookieCsrf>();
        logs.MapDelete("/searches/{id:long}", DeleteAsync).AddEndpointFilter<CookieCsrf>();
        return logs;
    }

    private static async Task<IResult> ListAsync(string? project, ProjectStore projects, SavedSearchStore searches, CancellationToken ct)
    {
        var found = await projects.FindAsync(LogsApi.ProjectSlug(project), ct);
        return found is null ? NoProject(project) : Results.Json(await searches.ListAsync(found.Id, ct), LogsApi.Json);
    }

    private static async Task<IResult> CreateAsync(string? project, CreateRequest request, ProjectStore projects, SavedSearchStore searches, CancellationToken ct)
    {
        var found = await projects.FindAsync(LogsApi.ProjectSlug(project), ct);
        if (found is null)
            return NoProject(project);
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength)
            return LogsApi.Problem(400, $"A saved search needs a name of 1 to {MaxNameLength} characters.", -1);
        // Saving a query that cannot run would only fail later, when someone clicks it.
        var parsed = QueryParser.Parse(request.Query);
        if (!parsed.IsSuccess)
            return LogsApi.Problem(400, parsed.Error!.Message, parsed.Error.Position);
        var saved = await searches.CreateAsync(found.Id, name, request.Query?.Trim() ?? "", ct);
        return Results.Json(saved, LogsApi.Json, statusCode: 201);
    }

    private static async Task<IResult> DeleteAsync(long id, SavedSearchStore searches, CancellationToken ct) =>
        await searches.DeleteAsync(id, ct) ? Results.NoContent() : LogsApi.Problem(404, $"No saved search {id}.", -1);

    private static IResult NoProject(string? project) => LogsApi.Problem(404, $"No project with slug '{LogsApi.ProjectSlug(project)}'.", -1);
}
