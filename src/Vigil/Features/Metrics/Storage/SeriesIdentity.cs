using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Vigil.Features.Metrics.Storage;

/// <summary>
/// A series is its name plus its tags sorted by key (ordinal; a repeated key keeps its last value),
/// so <c>a:1,b:2</c> and <c>b:2,a:1</c> are one series. The tags are stored as that canonical JSON
/// object, and the identity column is the SHA-256 of name and JSON: short, fixed-length and unique.
/// </summary>
public static class SeriesIdentity
{
    public static string CanonicalTags(IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        if (tags.Count == 0)
            return "{}";
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in tags)
            sorted[key] = value;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in sorted)
                writer.WriteString(key, value);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static string Of(string name, string canonicalTags) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name + "\n" + canonicalTags)));

    public static Dictionary<string, string> ParseTags(string json)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
            tags[property.Name] = property.Value.GetString() ?? "";
        return tags;
    }
}
