using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Tests.Support;

/// <summary>Sentry events and envelopes as SDKs send them, built by hand for edge cases.</summary>
public static class SentryPayloads
{
    public static string NewEventId() => Guid.NewGuid().ToString("N");

    /// <summary>A .NET-style exception event: <paramref name="type"/> thrown in <paramref name="function"/>.</summary>
    public static JsonObject Exception(string type, string value, string function = "Checkout.Pay", int lineno = 42,
        string? release = null, string? eventId = null) => new()
    {
        ["event_id"] = eventId ?? NewEventId(),
        ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0,
        ["platform"] = "csharp",
        ["level"] = "error",
        ["release"] = release,
        ["exception"] = new JsonObject
        {
            ["values"] = new JsonArray(new JsonObject
            {
                ["type"] = type,
                ["value"] = value,
                ["module"] = "Shop",
                ["stacktrace"] = new JsonObject
                {
                    ["frames"] = new JsonArray(
                        Frame("Shop.Program.Main", 10),
                        Frame(function, lineno)),
                },
            }),
        },
    };

    /// <summary>An event with only a message (grouped by the message template).</summary>
    public static JsonObject Message(string message, string? eventId = null) => new()
    {
        ["event_id"] = eventId ?? NewEventId(),
        ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0,
        ["platform"] = "csharp",
        ["level"] = "error",
        ["logentry"] = new JsonObject { ["formatted"] = message },
    };

    public static JsonObject Frame(string function, int lineno) => new()
    {
        ["function"] = function,
        ["module"] = function.Contains('.') ? function[..function.LastIndexOf('.')] : "Shop",
        ["filename"] = "Checkout.cs",
        ["lineno"] = lineno,
        ["in_app"] = true,
    };

    public static string EventIdOf(JsonObject ev) => ev["event_id"]!.GetValue<string>();

    /// <summary>An envelope whose items are (type, payload) pairs, each with its length header.</summary>
    public static byte[] Envelope(string? eventId, params (string Type, byte[] Payload)[] items)
    {
        using var output = new MemoryStream();
        var header = eventId is null ? new JsonObject() : new JsonObject { ["event_id"] = eventId };
        Write(output, header.ToJsonString() + "\n");
        foreach (var (type, payload) in items)
        {
            Write(output, JsonSerializer.Serialize(new { type, length = payload.Length }) + "\n");
            output.Write(payload);
            Write(output, "\n");
        }
        return output.ToArray();
    }

    public static byte[] EventEnvelope(JsonObject ev) => Envelope(EventIdOf(ev), EventItem(ev));

    public static (string Type, byte[] Payload) EventItem(JsonObject ev) => ("event", Encoding.UTF8.GetBytes(ev.ToJsonString()));

    private static void Write(Stream stream, string text) => stream.Write(Encoding.UTF8.GetBytes(text));
}
