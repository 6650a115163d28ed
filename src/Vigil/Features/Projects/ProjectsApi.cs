using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Vigil.Features.Projects.Storage;
using Vigil.Infrastructure.Hosting;

namespace Vigil.Features.Projects;

public static class ProjectsApi
{
    public static IEndpointRouteBuilder MapProjectsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/projects").RequireAuthorization().WithTags("Projects");
        api.MapGet("/", ListAsync);
        api.MapPost("/", CreateAsync);
        api.MapGet("/{slug}", GetAsync);
        api.MapPost("/{slug}/keys", CreateKeyAsync);
        api.MapPost("/{slug}/keys/{keyId:long}/revoke", RevokeKeyAsync);
        return app;
    }

    public sealed record CreateProjectRequest(string? Name);
    public sealed record CreateKeyRequest(string? Label);
    public sealed record ProjectView(long Id, string Slug, string Name, string Dsn);
    public sealed record KeyView(long Id, string Label, string PublicKey, string Dsn, bool Revoked);
    public sealed record ProjectDetailView(long Id, string Slug, string Name, IReadOnlyList<KeyView> Keys);

    private static async Task<Ok<List<ProjectView>>> ListAsync(HttpContext http, ProjectStore store, IOptions<VigilOptions> options, CancellationToken ct)
    {
        var views = new List<ProjectView>();
        foreach (var project in await store.ListAsync(ct))
        {
            var key = (await store.KeysAsync(project.Id, ct)).FirstOrDefault(k => !k.IsRevoked);
            views.Add(new ProjectView(project.Id, project.Slug, project.Name, key is null ? "" : Dsn.Build(PublicUrl.For(http.Request, options.Value), key.PublicKey, project.Id)));
        }
        return TypedResults.Ok(views);
    }

    private static async Task<Results<Created<ProjectView>, ProblemHttpResult>> CreateAsync(
        HttpContext http, CreateProjectRequest request, ProjectStore store, IOptions<VigilOptions> options, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
            return TypedResults.Problem(detail: "A project needs a name of 1 to 100 characters.", statusCode: 400);
        var (project, key) = await store.CreateAsync(request.Name, ct);
        var view = new ProjectView(project.Id, project.Slug, project.Name, Dsn.Build(PublicUrl.For(http.Request, options.Value), key.PublicKey, project.Id));
        return TypedResults.Created($"/api/projects/{project.Slug}", view);
    }

    private static async Task<Results<Ok<ProjectDetailView>, NotFound<ProblemDetails>>> GetAsync(
        HttpContext http, string slug, ProjectStore store, IOptions<VigilOptions> options, CancellationToken ct)
    {
        var project = await store.FindAsync(slug, ct);
        if (project is null)
            return NotFoundProject(slug);
        var keys = await store.KeysAsync(project.Id, ct);
        var publicUrl = PublicUrl.For(http.Request, options.Value);
        return TypedResults.Ok(new ProjectDetailView(project.Id, project.Slug, project.Name,
            keys.Select(k => new KeyView(k.Id, k.Label, k.PublicKey, Dsn.Build(publicUrl, k.PublicKey, project.Id), k.IsRevoked)).ToList()));
    }

    private static async Task<Results<Created<KeyView>, NotFound<ProblemDetails>>> CreateKeyAsync(
        HttpContext http, string slug, CreateKeyRequest request, ProjectStore store, IOptions<VigilOptions> options, CancellationToken ct)
    {
        var project = await store.FindAsync(slug, ct);
        if (project is null)
            return NotFoundProject(slug);
        var key = await store.CreateKeyAsync(project.Id, string.IsNullOrWhiteSpace(request.Label) ? "Key" : request.Label.Trim(), ct);
        return TypedResults.Created($"/api/projects/{slug}",
            new KeyView(key.Id, key.Label, key.PublicKey, Dsn.Build(PublicUrl.For(http.Request, options.Value), key.PublicKey, project.Id), false));
    }

    private static async Task<Results<NoContent, NotFound<ProblemDetails>>> RevokeKeyAsync(
        string slug, long keyId, ProjectStore store, ProjectKeyCache cache, CancellationToken ct)
    {
        var project = await store.FindAsync(slug, ct);
        if (project is null)
            return NotFoundProject(slug);
        if (!await store.RevokeKeyAsync(project.Id, keyId, ct))
            return TypedResults.NotFound(new ProblemDetails { Title = "Not found", Detail = $"Project '{slug}' has no active key {keyId}.", Status = 404 });
        cache.ForgetAll();
        return TypedResults.NoContent();
    }

    private static NotFound<ProblemDetails> NotFoundProject(string slug) =>
        TypedResults.NotFound(new ProblemDetails { Title = "Not found", Detail = $"No project with slug '{slug}'.", Status = 404 });
}
