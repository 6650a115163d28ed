using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Vigil.Features.Accounts;
using Vigil.Features.Alerts.Channels;
using Vigil.Features.Alerts.Delivery;
using Vigil.Features.Alerts.Storage;
using Vigil.Features.Projects;
using Vigil.Features.Projects.Storage;
using Vigil.Infrastructure.Hosting;

namespace Vigil.Features.Alerts;

/// <summary>Channels and their deliveries over HTTP (bearer token or the page's cookie + X-Vigil-Csrf).
/// Secrets never leave: options come back masked (<see cref="ChannelSecrets.Masked"/>).</summary>
public static class ChannelsApi
{
    public const int MaxDeliveries = 500;

    public sealed record LastDeliveryView(long Id, string State, long At);
    public sealed record ChannelView(long Id, string Project, string Name, string Kind, bool Enabled, JsonObject Options,
        long CreatedAt, long UpdatedAt, LastDeliveryView? LastDelivery);
    public sealed record KindView(string Kind, string Name, IReadOnlyList<FieldView> Fields);
    public sealed record FieldView(string Name, string Label, string Type, bool Required, bool Secret, string? Help);
    public sealed record TestView(long DeliveryId, string Url);

    public static IEndpointRouteBuilder MapChannelsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().WithTags("Alert channels");
        api.MapGet("/channel-kinds", Kinds);
        api.MapGet("/projects/{slug}/channels", ListAsync);
        api.MapPost("/projects/{slug}/channels", CreateAsync).AddEndpointFilter<CookieCsrf>();
        api.MapGet("/channels/{id:long}", GetAsync);
        api.MapPut("/channels/{id:long}", UpdateAsync).AddEndpointFilter<CookieCsrf>();
        api.MapDelete("/channels/{id:long}", DeleteAsync).AddEndpointFilter<CookieCsrf>();
        api.MapPost("/channels/{id:long}/test", TestAsync).AddEndpointFilter<CookieCsrf>();
        api.MapGet("/channels/{id:long}/deliveries", DeliveriesAsync);
        api.MapGet("/deliveries/{id:long}", DeliveryAsync);
        return app;
    }

    private static IResult Kinds(ChannelRegistry registry) => Results.Ok(registry.All.Select(c => new KindView(c.Kind, c.DisplayName,
        c.Fields.Select(f => new FieldView(f.Name, f.Label, f.Type.ToString().ToLowerInvariant(), f.Required, f.IsSecret, f.Help)).ToList())));

    private static async Task<IResult> ListAsync(string slug, ProjectStore projects, ChannelStore channels, DeliveryStore deliveries,
        ChannelRegistry registry, CancellationToken ct)
    {
        var project = await projects.FindAsync(slug, ct);
        if (project is null)
            return NoProject(slug);
        var views = new List<ChannelView>();
        foreach (var channel in await channels.ListAsync(project.Id, ct))
            views.Add(await ViewAsync(channel, project.Slug, deliveries, registry, ct));
        return Results.Ok(views);
    }

    private static async Task<IResult> CreateAsync(string slug, ChannelEdit request, ProjectStore projects, ChannelService service,
        ChannelStore channels, DeliveryStore deliveries, ChannelRegistry registry, CancellationToken ct)
    {
        var project = await projects.FindAsync(slug, ct);
        if (project is null)
            return NoProject(slug);
        var result = await service.CreateAsync(project.Id, request, ct);
        if (!result.IsValid)
            return Invalid(result);
        var view = await ViewAsync((await channels.GetAsync(result.Id!.Value, ct))!, project.Slug, deliveries, registry, ct);
        return Results.Created($"/api/channels/{view.Id}", view);
    }

    private static async Task<IResult> GetAsync(long id, ChannelStore channels, ProjectStore projects, DeliveryStore deliveries,
        ChannelRegistry registry, CancellationToken ct)
    {
        var channel = await channels.GetAsync(id, ct);
        return channel is null ? NoChannel(id) : Results.Ok(await ViewAsync(channel, await SlugAsync(projects, channel, ct), deliveries, registry, ct));
    }

    private static async Task<IResult> UpdateAsync(long id, ChannelEdit request, ChannelStore channels, ChannelService service,
        ProjectStore projects, DeliveryStore deliveries, ChannelRegistry registry, CancellationToken ct)
    {
        var channel = await channels.GetAsync(id, ct);
        if (channel is null)
            return NoChannel(id);
        var result = await service.UpdateAsync(channel, request, ct);
        if (!result.IsValid)
            return Invalid(result);
        return Results.Ok(await ViewAsync((await channels.GetAsync(id, ct))!, await SlugAsync(projects, channel, ct), deliveries, registry, ct));
    }

    private static async Task<IResult> DeleteAsync(long id, ChannelStore channels, CancellationToken ct) =>
        await channels.DeleteAsync(id, ct) ? Results.NoContent() : NoChannel(id);

    private static async Task<IResult> TestAsync(long id, HttpContext http, ChannelStore channels, ChannelService service, ProjectStore projects,
        IOptions<VigilOptions> options, CancellationToken ct)
    {
        var channel = await channels.GetAsync(id, ct);
        if (channel is null)
            return NoChannel(id);
        var deliveryId = await service.SendTestAsync(channel, await SlugAsync(projects, channel, ct), PublicUrl.For(http.Request, options.Value).TrimEnd('/'), ct);
        return Results.Accepted($"/api/deliveries/{deliveryId}", new TestView(deliveryId, $"/api/deliveries/{deliveryId}"));
    }

    private static async Task<IResult> DeliveriesAsync(long id, int? limit, ChannelStore channels, DeliveryStore deliveries, CancellationToken ct)
    {
        if (limit is < 1 or > MaxDeliveries)
            return Results.Problem(detail: $"limit must be between 1 and {MaxDeliveries}.", statusCode: 400);
        if (await channels.GetAsync(id, ct) is null)
            return NoChannel(id);
        return Results.Ok(await deliveries.ListAsync(id, limit ?? 50, ct));
    }

    private static async Task<IResult> DeliveryAsync(long id, DeliveryStore deliveries, CancellationToken ct) =>
        await deliveries.GetAsync(id, ct) is { } delivery
            ? Results.Ok(delivery)
            : Results.Problem(detail: $"No delivery {id}.", statusCode: 404, title: "Not found");

    public static async Task<ChannelView> ViewAsync(Channel channel, string projectSlug, DeliveryStore deliveries, ChannelRegistry registry, CancellationToken ct)
    {
        var last = (await deliveries.ListAsync(channel.Id, 1, ct)).FirstOrDefault();
        return new ChannelView(channel.Id, projectSlug, channel.Name, channel.Kind, channel.Enabled,
            ChannelSecrets.Masked(registry.Find(channel.Kind), channel.Options), channel.CreatedAt, channel.UpdatedAt,
            last is null ? null : new LastDeliveryView(last.Id, last.State, last.DeliveredAt ?? last.UpdatedAt));
    }

    private static async Task<string> SlugAsync(ProjectStore projects, Channel channel, CancellationToken ct) =>
        (await projects.ListAsync(ct)).FirstOrDefault(p => p.Id == channel.ProjectId)?.Slug ?? "";

    private static IResult Invalid(ChannelEditResult result) => Results.ValidationProblem(
        result.Problems.ToDictionary(p => p.Key, p => p.Value), detail: string.Join(" ", result.Problems.SelectMany(p => p.Value)));

    private static IResult NoProject(string slug) => Results.Problem(detail: $"No project with slug '{slug}'.", statusCode: 404, title: "Not found");

    private static IResult NoChannel(long id) => Results.Problem(detail: $"No channel {id}.", statusCode: 404, title: "Not found");
}
