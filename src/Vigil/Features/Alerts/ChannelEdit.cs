using System.Text.Json.Nodes;

namespace Vigil.Features.Alerts;

/// <summary>What a person sends to create or change a channel (the API's JSON body and the page's form).</summary>
public sealed record ChannelEdit(string? Name, string? Kind, bool? Enabled, JsonObject? Options);

/// <summary>A saved channel's id, or the problems keyed by field ("name", "kind", "options.url" …).</summary>
public sealed record ChannelEditResult(long? Id, IReadOnlyDictionary<string, string[]> Problems)
{
    public bool IsValid => Problems.Count == 0;
}
