using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Features.Alerts.Delivery;

/// <summary>How a <see cref="ChannelMessage"/> is kept in the outbox between enqueue and delivery.</summary>
public static class MessageJson
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(ChannelMessage message) => JsonSerializer.Serialize(message, Json);

    public static ChannelMessage Deserialize(string json) =>
        JsonSerializer.Deserialize<ChannelMessage>(json, Json) ?? throw new JsonException("An outbox message is empty.");
}
