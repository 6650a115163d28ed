using System.Text.Json.Nodes;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// The user and request interfaces: canonical shapes (headers as pairs) and the stable user key
/// behind "users affected" counts, picked from the strongest identifier the event carries.
/// </summary>
internal static class EventUser
{
    public static string? Normalize(JsonObject root)
    {
        if (root["user"] is not JsonObject user)
        {
            root.Remove("user");
            return null;
        }
        foreach (var field in (ReadOnlySpan<string>)["id", "email", "username", "ip_address"])
        {
            if (JsonShapes.ScalarText(user[field]) is { Length: > 0 } value)
            {
                var prefix = field == "ip_address" ? "ip" : field;
                return $"{prefix}:{value}";
            }
        }
        return null;
    }

    public static void NormalizeRequest(JsonObject root)
    {
        if (root["request"] is not JsonObject request)
        {
            root.Remove("request");
            return;
        }
        if (request["headers"] is JsonNode headers)
        {
            request["headers"] = JsonShapes.ToPairArray(JsonShapes.Pairs(headers));
        }
        if (JsonShapes.StringOf(request["cookies"]) is { } cookieHeader)
        {
            request["cookies"] = JsonShapes.ToPairArray(ParseCookies(cookieHeader));
        }
        else if (request["cookies"] is JsonNode cookies)
        {
            request["cookies"] = JsonShapes.ToPairArray(JsonShapes.Pairs(cookies));
        }
    }

    private static List<KeyValuePair<string, string>> ParseCookies(string header)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in header.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            pairs.Add(eq < 0 ? new(part, "") : new(part[..eq].Trim(), part[(eq + 1)..].Trim()));
        }
        return pairs;
    }
}
