using System.Text.Json;

namespace Vigil.Features.Alerts.Storage;

/// <summary>Labels and details are string maps stored as JSON text.</summary>
public static class JsonMap
{
    public static string Write(IReadOnlyDictionary<string, string> map) => JsonSerializer.Serialize(map);

    public static IReadOnlyDictionary<string, string> Read(string? json) =>
        string.IsNullOrEmpty(json) ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
}
