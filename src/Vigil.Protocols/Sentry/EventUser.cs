using System.Text.Json;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// The user and request interfaces: canonical shapes (headers and cookies as pairs) and the stable
/// user key behind "users affected" counts, picked from the strongest identifier the event carries.
/// </summary>
internal static class EventUser
{
    private static readonly string[] KeyFields = ["id", "email", "username", "ip_address"];

    public static string? Key(JsonElement user)
    {
        foreach (var field in KeyFields)
        {
            if (ElementText.ScalarText(ElementText.Property(user, field)) is { Length: > 0 } value)
            {
                var prefix = field == "ip_address" ? "ip" : field;
                return $"{prefix}:{value}";
            }
        }
        return null;
    }

    /// <summary>Writes <c>request</c> with headers and cookies as pairs; a cookie header string is split.</summary>
    public static void WriteRequest(PayloadWriter w, JsonElement request, ScrubMode mode)
    {
        w.Push("request");
        w.Json.WritePropertyName("request");
        w.Json.WriteStartObject();
        foreach (var property in request.EnumerateObject())
        {
            var name = property.Name;
            var value = property.Value;
            var childMode = w.ChildMode(mode, name);
            if (name is "headers" or "cookies" && value.ValueKind != JsonValueKind.Null)
            {
                var pairs = name == "cookies" && value.ValueKind == JsonValueKind.String
                    ? ParseCookies(value.GetString()!)
                    : ElementText.Pairs(value);
                w.WritePairs(name, pairs, childMode);
            }
            else
            {
                w.WriteNamed(name, value, childMode);
            }
        }
        w.Json.WriteEndObject();
        w.Pop();
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
