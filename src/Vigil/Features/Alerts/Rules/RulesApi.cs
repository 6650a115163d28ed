using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Vigil.Features.Accounts;
using Vigil.Features.Projects.Storage;

namespace Vigil.Features.Alerts.Rules;

/// <summary>Rules CRUD: /api/projects/{slug}/alert-rules and /api/alert-rules/{id}; a bad parameter is a 400 naming it.</summary>
public static class RulesApi
{
    public sealed record KindView(string Name, string Description, bool Periodic);

    public static RouteGroupBuilder MapRulesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/alert-rule-kinds", (RuleKinds kinds) => TypedResults.Ok(kinds.All.Select(k => new KindView(k.Name, k.Description, k.IsPeriodic)).ToList()));
        api.MapGet("/projects/{slug}/alert-rules", ListAsync);
        api.MapPost("/projects/{slug}/alert-rules", CreateAsync).AddEndpointFilter<CookieCsrf>();
        api.MapGet("/alert-rules/{id:long}", GetAsync);
        api.MapPut("/alert-rules/{id:long}", UpdateAsync).AddEndpointFilter<CookieCsrf>();
        api.MapDelete("/alert-rules/{id:long}", DeleteAsync).AddEndpointFilter<CookieCsrf>();
        return api;
    }

    private static async Task<Results<Ok<List<RuleView>>, NotFound<ProblemDetails>>> ListAsync(string slug, ProjectStore projects, RuleStore rules, CancellationToken ct)
    {
        var project = await projects.FindAsync(slug, ct);
        if (project is null)
            return TypedResults.NotFound(AlertsApi.Problem(404, $"No project with slug '{slug}'."));
        return TypedResults.Ok((await rules.ListAsync(project.Id, ct)).Select(RuleView.From).ToList());
    }

    private static async Task<Results<Created<RuleView>, NotFound<ProblemDetails>, BadRequest<ProblemDetails>>> CreateAsync(
        string slug, RuleDefinition definition, ProjectStore projects, RuleStore rules, RuleKinds kinds, CancellationToken ct)
    {
        var project = await projects.FindAsync(slug, ct);
        if (project is null)
            return TypedResults.NotFound(AlertsApi.Problem(404, $"No project with slug '{slug}'."));
        if (definition.Validate(kinds) is { } error)
            return TypedResults.BadRequest(AlertsApi.Problem(400, error));
        var rule = await rules.CreateAsync(project.Id, definition, ct);
        return TypedResults.Created($"/api/alert-rules/{rule.Id}", RuleView.From(rule));
    }

    private static async Task<Results<Ok<RuleView>, NotFound<ProblemDetails>>> GetAsync(long id, RuleStore rules, CancellationToken ct) =>
        await rules.GetAsync(id, ct) is { } rule ? TypedResults.Ok(RuleView.From(rule)) : TypedResults.NotFound(AlertsApi.Problem(404, $"No alert rule {id}."));

    private static async Task<Results<Ok<RuleView>, NotFound<ProblemDetails>, BadRequest<ProblemDetails>>> UpdateAsync(
        long id, RuleDefinition definition, RuleStore rules, RuleKinds kinds, CancellationToken ct)
    {
        if (definition.Validate(kinds) is { } error)
            return TypedResults.BadRequest(AlertsApi.Problem(400, error));
        return await rules.UpdateAsync(id, definition, ct) is { } rule
            ? TypedResults.Ok(RuleView.From(rule))
            : TypedResults.NotFound(AlertsApi.Problem(404, $"No alert rule {id}."));
    }

    private static async Task<Results<NoContent, NotFound<ProblemDetails>>> DeleteAsync(long id, RuleStore rules, CancellationToken ct) =>
        await rules.DeleteAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound(AlertsApi.Problem(404, $"No alert rule {id}."));
}
