using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// A parsed Sentry envelope: the envelope header object and its items in order.
/// </summary>
public sealed class Envelope
{
    internal Envelope(JsonObject headers, string? eventId, string? dsn, IReadOnlyList<EnvelopeItem> items)
    {
        Headers = headers;
        EventId = eventId;
        Dsn = dsn;
        Items = items;
    }

    /// <summary>The envelope header line (<c>event_id</c>, <c>dsn</c>, <c>sdk</c>, <c>sent_at</c>, <c>trace</c>, …).</summary>
    public JsonObject Headers { get; }

    /// <summary>
    /// The header <c>event_id</c> normalised to 32 lowercase hex digits, or null when absent or not
    /// a UUID. It wins over the event payload's own id.
    /// </summary>
    public string? EventId { get; }

    /// <summary>The header <c>dsn</c>, one of the ways a client may authenticate.</summary>
    public string? Dsn { get; }

    /// <summary>The items in the order they were sent.</summary>
    public IReadOnlyList<EnvelopeItem> Items { get; }

    /// <summary>
    /// The header <c>sent_at</c> timestamp, used to correct client clock drift; null when absent
    /// or unparseable.
    /// </summary>
    public DateTimeOffset? SentAt =>
        Headers["sent_at"] is JsonNode n && EventTimestamps.TryRead(n.Deserialize<JsonElement>(), out var at) ? at : null;

    /// <summary>The first item of the given type, or null.</summary>
    public EnvelopeItem? FirstItem(string type)
    {
        foreach (var item in Items)
        {
            if (item.Type == type)
            {
                return item;
            }
        }
        return null;
    }

    public override string ToString() => $"envelope {EventId ?? "(no id)"} with {Items.Count} item(s)";
}
