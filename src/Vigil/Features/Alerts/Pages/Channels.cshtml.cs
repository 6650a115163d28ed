using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Vigil.Features.Alerts.Channels;
using Vigil.Features.Alerts.Delivery;
using Vigil.Features.Alerts.Storage;
using Vigil.Features.Projects;
using Vigil.Features.Projects.Storage;
using Vigil.Features.Shared.Pages;
using Vigil.Infrastructure.Hosting;

namespace Vigil.Features.Alerts.Pages;

/// <summary>A project's notification channels: list with last delivery, add/edit form per kind (secrets
/// shown as masks only), "Send test" with its delivery's state, and recent deliveries.</summary>
public sealed class ChannelsModel(
    ProjectStore projects, ChannelStore channels, ChannelService service, DeliveryStore deliveries,
    ChannelRegistry registry, IOptions<VigilOptions> options, IAntiforgery antiforgery) : ProjectPage(projects, antiforgery)
{
    public const string OptionPrefix = "o.";

    public IReadOnlyList<(Channel Channel, DeliveryRecord? Last)> Channels { get; private set; } = [];
    public IReadOnlyList<DeliveryRecord> Recent { get; private set; } = [];
    public ChannelRegistry Registry => registry;
    /// <summary>The kind whose form is open (adding or editing), if any.</summary>
    public IAlertChannel? FormKind { get; private set; }
    public Channel? Editing { get; private set; }
    /// <summary>Masked options of the channel being edited, to fill the form.</summary>
    public JsonObject FormValues { get; private set; } = [];
    public string? FormName { get; private set; }
    public IReadOnlyDictionary<string, string[]> Problems { get; private set; } = new Dictionary<string, string[]>();
    public DeliveryRecord? TestDelivery { get; private set; }
    public string? Notice { get; private set; }

    public string ChannelName(long id) => Channels.FirstOrDefault(c => c.Channel.Id == id).Channel?.Name ?? $"#{id}";

    public async Task<IActionResult> OnGetAsync(string slug, string? add, long? edit, long? delivery, string? saved)
    {
        if (!await LoadAsync(slug))
            return NotFound();
        if (edit is { } id && Channels.FirstOrDefault(c => c.Channel.Id == id).Channel is { } channel)
            OpenEdit(channel);
        else if (registry.Find(add) is { } kind)
            FormKind = kind;
        if (delivery is { } deliveryId)
            TestDelivery = await deliveries.GetAsync(deliveryId, HttpContext.RequestAborted);
        Notice = saved switch { "saved" => "Channel saved.", "deleted" => "Channel deleted.", _ => null };
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string slug, long? id, string? kind, string? name, bool enabled)
    {
        if (!await LoadAsync(slug))
            return NotFound();
        var existing = id is { } channelId ? Channels.FirstOrDefault(c => c.Channel.Id == channelId).Channel : null;
        if (id is not null && existing is null)
            return NotFound();
        var plugin = registry.Find(existing?.Kind ?? kind);
        if (plugin is null)
            return BadRequest();
        var edit = new ChannelEdit(name, plugin.Kind, enabled, ReadOptions(plugin));
        var result = existing is null
            ? await service.CreateAsync(Project.Id, edit, HttpContext.RequestAborted)
            : await service.UpdateAsync(existing, edit, HttpContext.RequestAborted);
        if (result.IsValid)
            return Redirect($"/projects/{slug}/channels?saved=saved");
        // Show the form again with what was typed, secrets masked as before.
        FormKind = plugin;
        Editing = existing;
        FormName = name;
        FormValues = ChannelSecrets.Masked(plugin, edit.Options!);
        Problems = result.Problems;
        Response.StatusCode = 400;
        return Page();
    }

    public async Task<IActionResult> OnPostTestAsync(string slug, long id)
    {
        if (!await LoadAsync(slug))
            return NotFound();
        var channel = Channels.FirstOrDefault(c => c.Channel.Id == id).Channel;
        if (channel is null)
            return NotFound();
        var deliveryId = await service.SendTestAsync(channel, slug, PublicUrl.For(Request, options.Value).TrimEnd('/'), HttpContext.RequestAborted);
        return Redirect($"/projects/{slug}/channels?delivery={deliveryId}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string slug, long id)
    {
        if (!await LoadAsync(slug))
            return NotFound();
        if (Channels.All(c => c.Channel.Id != id))
            return NotFound();
        await channels.DeleteAsync(id, HttpContext.RequestAborted);
        return Redirect($"/projects/{slug}/channels?saved=deleted");
    }

    private void OpenEdit(Channel channel)
    {
        Editing = channel;
        FormKind = registry.Find(channel.Kind);
        FormName = channel.Name;
        FormValues = ChannelSecrets.Masked(FormKind, channel.Options);
    }

    /// <summary>Form fields "o.&lt;name&gt;" back into options JSON; an empty secret means "keep it".</summary>
    private JsonObject ReadOptions(IAlertChannel plugin)
    {
        var result = new JsonObject();
        foreach (var field in plugin.Fields)
        {
            var text = Request.Form[OptionPrefix + field.Name].ToString().Trim();
            if (field.Type == FieldType.Boolean)
            {
                result[field.Name] = Request.Form[OptionPrefix + field.Name].Contains("true");
                continue;
            }
            if (text.Length == 0)
            {
                if (field.IsSecret)
                    result[field.Name] = ChannelSecrets.Mask;
                continue;
            }
            result[field.Name] = field.Type switch
            {
                FieldType.Number => long.TryParse(text, out var number) ? number : text,
                FieldType.List => new JsonArray(text.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => (JsonNode)t).ToArray()),
                FieldType.Map when text.StartsWith(ChannelSecrets.Mask, StringComparison.Ordinal) => text,
                FieldType.Map => ParseMap(text),
                _ => text,
            };
        }
        return result;
    }

    private static JsonObject ParseMap(string text)
    {
        var map = new JsonObject();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':');
            if (colon > 0)
                map[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        return map;
    }

    private async Task<bool> LoadAsync(string slug)
    {
        if (!await LoadProjectAsync(slug, "channels"))
            return false;
        var list = new List<(Channel, DeliveryRecord?)>();
        foreach (var channel in await channels.ListAsync(Project.Id, HttpContext.RequestAborted))
            list.Add((channel, (await deliveries.ListAsync(channel.Id, 1, HttpContext.RequestAborted)).FirstOrDefault()));
        Channels = list;
        Recent = await deliveries.RecentForProjectAsync(Project.Id, 20, HttpContext.RequestAborted);
        return true;
    }
}
