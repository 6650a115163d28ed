using System.Text.Json;
using System.Text.Json.Serialization;
using Vigil.Features.Alerts.Delivery;

namespace Vigil.Features.Alerts.Channels.Webhook;

/// <summary>The webhook body, version 1 (documented in README "Alert channels"). Fields are only ever
/// added within a version; a change that breaks receivers bumps <see cref="Version"/>.</summary>
public static class WebhookPayload
{
    public const int Version = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public sealed record Body(int Version, string Kind, string Project, string Title, IReadOnlyList<Alert> Alerts);

    public sealed record Alert(
        long Id, string DedupKey, string Severity, string Status, string Title, string Summary,
        IReadOnlyDictionary<string, string> Details, DateTimeOffset FiredAt, string Url, string? AcknowledgeUrl);

    public static byte[] Serialize(ChannelMessage message) => JsonSerializer.SerializeToUtf8Bytes(new Body(
        Version,
        Names.Kind(message.Kind),
        message.ProjectSlug,
        message.Title,
        message.Alerts.Select(a => new Alert(a.AlertId, a.DedupKey, Names.Severity(a.Severity), a.Status, a.Title, a.Summary,
            a.Details, a.FiredAt, a.AlertUrl, a.AcknowledgeUrl)).ToList()), Json);
}
