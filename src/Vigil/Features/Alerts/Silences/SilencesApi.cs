using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Vigil.Features.Accounts;
using Vigil.Features.Projects.Storage;

namespace Vigil.Features.Alerts.Silences;

/// <summary>Silences: list and create per project, expire (ends now, history kept) or delete by id.</summary>
public static class SilencesApi
{
    public sealed record SilenceRequest(List<SilenceMatcher>? Matchers, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, double? Minutes, string? Reason);

    public static RouteGroupBuilder MapSilencesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/projects/{slug}/silences", ListAsync);
        api.MapPost("/projects/{slug}/silences", CreateAsync).AddEndpointFilter<CookieCsrf>();
        api.MapPost("/silences/{id:long}/expire", ExpireAsync).AddEndpointFilter<CookieCsrf>();
        api.MapDelete("/silences/{id:long}", DeleteAsync).AddEndpointFilter<CookieCsrf>();
        return api;
    }

    private static async Task<Results<Ok<List<Silence>>, NotFound<ProblemDetails>>> ListAsync(string slug, ProjectStore projects, SilenceStore silences, CancellationToken ct)
    {
        var project = await projects.FindAsync(slug, ct);
        if (project is null)
            return TypedResults.NotFound(AlertsApi.Problem(404, $"No project with slug '{slug}'."));
        return TypedResults.Ok((await silences.ListAsync(project.Id, ct)).ToList());
    }

    private static async Task<Results<Created<Silence>, NotFound<ProblemDetails>, BadRequest<ProblemDetails>>> CreateAsync(
        string slug, SilenceRequest request, HttpContext context, ProjectStore projects, SilenceStore silences, TimeProvider clock, CancellationToken ct)
    {
        var project = await projects.FindAsync(slug, ct);
        if (project is null)
            return TypedResults.NotFound(AlertsApi.Problem(404, $"No project with slug '{slug}'."));
        var (matchers, starts, ends, error) = Validate(request, clock.GetUtcNow());
        if (error is not null)
            return TypedResults.BadRequest(AlertsApi.Problem(400, error));
        var silence = await silences.CreateAsync(project.Id, matchers!, starts, ends, request.Reason!.Trim(), AlertsApi.Actor(context), ct);
        return TypedResults.Created($"/api/silences/{silence.Id}", silence);
    }

    /// <summary>The matchers and the time span, or the first problem naming its field.</summary>
    public static (IReadOnlyList<SilenceMatcher>? Matchers, DateTimeOffset Starts, DateTimeOffset Ends, string? Error) Validate(SilenceRequest request, DateTimeOffset now)
    {
        if (request.Matchers is null || request.Matchers.Count == 0)
            return (null, now, now, "matchers: at least one, e.g. {\"name\": \"severity\", \"op\": \"=\", \"value\": \"warning\"}.");
        for (var i = 0; i < request.Matchers.Count; i++)
        {
            if (request.Matchers[i].Validate(i) is { } problem)
                return (null, now, now, problem);
        }
        if (string.IsNullOrWhiteSpace(request.Reason))
            return (null, now, now, "reason: required; say why these alerts may be quiet.");
        var starts = request.StartsAt ?? now;
        DateTimeOffset ends;
        if (request.EndsAt is { } end)
            ends = end;
        else if (request.Minutes is > 0)
            ends = starts.AddMinutes(request.Minutes.Value);
        else
            return (null, now, now, "endsAt or minutes: a silence must end.");
        if (ends <= starts)
            return (null, now, now, "endsAt: must be after startsAt.");
        return (request.Matchers, starts, ends, null);
    }

    private static async Task<Results<NoContent, NotFound<ProblemDetails>>> ExpireAsync(long id, SilenceStore silences, CancellationToken ct) =>
        await silences.ExpireAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound(AlertsApi.Problem(404, $"No active silence {id}."));

    private static async Task<Results<NoContent, NotFound<ProblemDetails>>> DeleteAsync(long id, SilenceStore silences, CancellationToken ct) =>
        await silences.DeleteAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound(AlertsApi.Problem(404, $"No silence {id}."));
}
