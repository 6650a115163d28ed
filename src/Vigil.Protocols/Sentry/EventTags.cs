using System.Text.Json;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// Tags arrive as an object or as a list of <c>[key, value]</c> pairs; we store pairs (order kept,
/// keys and values bounded) and add the well-known fields as tags, as Sentry does, so they can be
/// searched and counted like any other tag.
/// </summary>
internal static class EventTags
{
    public const int MaxKeyLength = 32;
    public const int MaxValueLength = 200;

    public static List<KeyValuePair<string, string>> Normalize(
        JsonElement sentTags, string level, string? release, string? environment, string? serverName)
    {
        var sent = ElementText.Pairs(sentTags);
        var tags = new List<KeyValuePair<string, string>>(sent.Count + 4);
        foreach (var (key, value) in sent)
        {
            var k = ElementText.Truncate(key.Trim(), MaxKeyLength);
            if (k.Length == 0 || IsDerived(k))
            {
                continue;
            }
            tags.Add(new(k, ElementText.Truncate(value, MaxValueLength)));
        }
        // The event's own fields are the truth; a client tag of the same name would contradict them.
        tags.Add(new("level", level));
        AddIfPresent(tags, "release", release);
        AddIfPresent(tags, "environment", environment);
        AddIfPresent(tags, "server_name", serverName);
        return tags;
    }

    private static bool IsDerived(string key) =>
        key is "level" or "release" or "environment" or "server_name";

    private static void AddIfPresent(List<KeyValuePair<string, string>> tags, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            tags.Add(new(key, ElementText.Truncate(value, MaxValueLength)));
        }
    }
}
