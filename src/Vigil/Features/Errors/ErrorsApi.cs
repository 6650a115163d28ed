using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Vigil.Features.Errors.Issues;
using Vigil.Features.Errors.Storage;
using Vigil.Features.Projects.Storage;

namespace Vigil.Features.Errors;

/// <summary>The management API for issues and events (cookie or bearer token).</summary>
public static class ErrorsApi
{
    public sealed record StatusRequest(string? Status, DateTimeOffset? IgnoreUntil, long? IgnoreForEvents);

    public static IEndpointRouteBuilder MapErrorsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().WithTags("Errors");
        api.MapGet("/projects/{slug}/issues", ListAsync);
        api.MapGet("/issues/{id:long}", GetAsync);
        api.MapGet("/issues/{id:long}/events", EventsAsync);
        api.MapGet("/issues/{id:long}/events/{eventRowId}", EventAsync);
        api.MapPut("/issues/{id:long}", ChangeStatusAsync);
        return app;
    }

    private static async Task<Results<Ok<List<IssueView>>, NotFound<ProblemDetails>, BadRequest<ProblemDetails>>> ListAsync(
        HttpContext context, string slug, string? status, string? query, string? level, string? environment, string? release,
        string? sort, int? limit, int? offset, ProjectStore projects, IssueStore issues, CancellationToken ct)
    {
        var project = await projects.FindAsync(slug, ct);
        if (project is null)
            return TypedResults.NotFound(Problem(404, $"No project with slug '{slug}'."));
        if (status is not null && status != "all" && !IssueStatus.All.Contains(status))
            return TypedResults.BadRequest(Problem(400, $"Unknown status '{status}': use all, {string.Join(", ", IssueStatus.All)}."));
        var filter = new IssueQuery(status is null or "all" ? null : status, level, environment, release, null,
            sort ?? IssueSort.LastSeen, limit ?? 100, offset ?? 0).WithSearch(query);
        var (page, total) = await issues.ListAsync(project.Id, filter, ct);
        context.Response.Headers["X-Total-Count"] = total.ToString();
        return TypedResults.Ok(page.Select(i => IssueView.From(i, slug)).ToList());
    }

    private static async Task<Results<Ok<JsonObject>, NotFound<ProblemDetails>>> GetAsync(
        long id, IssueStore issues, ProjectStore projects, CancellationToken ct)
    {
        var issue = await issues.GetAsync(id, ct);
        if (issue is null)
            return TypedResults.NotFound(Problem(404, $"No issue {id}."));
        var project = await projects.FindAsync(issue.ProjectId, ct);
        var view = System.Text.Json.JsonSerializer.SerializeToNode(IssueView.From(issue, project?.Slug ?? ""), JsonOptions)!.AsObject();
        view["tags"] = System.Text.Json.JsonSerializer.SerializeToNode(await issues.TagsAsync(id, 10, ct), JsonOptions);
        view["releases"] = System.Text.Json.JsonSerializer.SerializeToNode(await issues.ReleasesAsync(id, ct), JsonOptions);
        return TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<List<EventSummary>>, NotFound<ProblemDetails>>> EventsAsync(
        long id, int? limit, long? before, IssueStore issues, CancellationToken ct)
    {
        if (await issues.GetAsync(id, ct) is null)
            return TypedResults.NotFound(Problem(404, $"No issue {id}."));
        return TypedResults.Ok((await issues.EventsAsync(id, limit ?? 50, before, ct)).ToList());
    }

    /// <summary>One event with its payload; <c>latest</c> for the newest.</summary>
    private static async Task<Results<ContentHttpResult, NotFound<ProblemDetails>>> EventAsync(
        long id, string eventRowId, IssueStore issues, CancellationToken ct)
    {
        long? rowId = eventRowId == "latest" ? null : long.TryParse(eventRowId, out var parsed) ? parsed : -1;
        var stored = await issues.EventAsync(id, rowId, ct);
        if (stored is null)
            return TypedResults.NotFound(Problem(404, $"Issue {id} has no event '{eventRowId}'."));
        var body = new JsonObject
        {
            ["id"] = stored.Summary.Id,
            ["eventId"] = stored.Summary.EventId,
            ["issueId"] = id,
            ["previousId"] = stored.PreviousId,
            ["nextId"] = stored.NextId,
            ["event"] = JsonNode.Parse(stored.Payload),
        };
        return TypedResults.Content(body.ToJsonString(), "application/json");
    }

    private static async Task<Results<Ok<IssueView>, NotFound<ProblemDetails>, BadRequest<ProblemDetails>>> ChangeStatusAsync(
        long id, StatusRequest request, IssueService service, ProjectStore projects, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Status))
            return TypedResults.BadRequest(Problem(400, $"Send {{\"status\": …}} with one of {string.Join(", ", IssueStatus.All)}."));
        var (issue, error) = await service.ChangeStatusAsync(id, new IssueService.StatusChange(
            request.Status, request.IgnoreUntil?.ToUnixTimeMilliseconds(), request.IgnoreForEvents), ct);
        if (issue is null)
            return error!.StartsWith("No issue") ? TypedResults.NotFound(Problem(404, error)) : TypedResults.BadRequest(Problem(400, error));
        var project = await projects.FindAsync(issue.ProjectId, ct);
        return TypedResults.Ok(IssueView.From(issue, project?.Slug ?? ""));
    }

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web);

    private static ProblemDetails Problem(int status, string detail) =>
        new() { Status = status, Title = status == 404 ? "Not found" : "Bad request", Detail = detail };
}
