using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Features.Errors.Pages;

/// <summary>An event's payload (the normalized Sentry JSON) shaped for the issue page.</summary>
public sealed record EventDetails(
    string? Message,
    IReadOnlyList<ExceptionDetails> Exceptions,
    IReadOnlyList<BreadcrumbDetails> Breadcrumbs,
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    RequestDetails? Request,
    IReadOnlyList<KeyValuePair<string, string>> User,
    IReadOnlyList<(string Name, IReadOnlyList<KeyValuePair<string, string>> Values)> Contexts,
    IReadOnlyList<KeyValuePair<string, string>> Extra)
{
    public static EventDetails Parse(string payload)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(payload) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            root = [];
        }
        // Sentry lists the chain innermost cause first; people read the exception that was caught first.
        var exceptions = (root["exception"]?["values"] as JsonArray ?? [])
            .OfType<JsonObject>().Select(ExceptionDetails.From).Reverse().ToList();
        var breadcrumbs = (root["breadcrumbs"]?["values"] as JsonArray ?? [])
            .OfType<JsonObject>().Select(BreadcrumbDetails.From).ToList();
        var contexts = (root["contexts"] as JsonObject ?? [])
            .Where(c => c.Value is JsonObject { Count: > 0 })
            .Select(c => (c.Key, JsonText.Pairs(c.Value)))
            .ToList();
        var message = JsonText.String(root["logentry"]?["formatted"]) ?? JsonText.String(root["message"]);
        return new EventDetails(message, exceptions, breadcrumbs, JsonText.Pairs(root["tags"]),
            RequestDetails.From(root["request"] as JsonObject), JsonText.Pairs(root["user"]), contexts, JsonText.Pairs(root["extra"]));
    }
}

public sealed record BreadcrumbDetails(long? Timestamp, string Category, string Level, string Message)
{
    public static BreadcrumbDetails From(JsonObject crumb)
    {
        // HTTP and navigation crumbs carry their facts in data rather than a message.
        var message = JsonText.String(crumb["message"])
            ?? (crumb["data"] is JsonObject data ? string.Join(" ", JsonText.Pairs(data).Select(p => $"{p.Key}={p.Value}")) : "");
        return new BreadcrumbDetails(JsonText.EpochMs(crumb["timestamp"]),
            JsonText.String(crumb["category"]) ?? JsonText.String(crumb["type"]) ?? "default",
            JsonText.String(crumb["level"]) ?? "info", message);
    }
}

public sealed record RequestDetails(string? Method, string? Url, string? Query, IReadOnlyList<KeyValuePair<string, string>> Headers, string? Data)
{
    public static RequestDetails? From(JsonObject? request) => request is null
        ? null
        : new RequestDetails(JsonText.String(request["method"]), JsonText.String(request["url"]), JsonText.String(request["query_string"]),
            JsonText.Pairs(request["headers"]), JsonText.String(request["data"]));
}
