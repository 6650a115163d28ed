using System.Text;
using System.Text.Json;
using Vigil.Protocols.LogQuery;

namespace Vigil.Features.Logs.Blocks.Evaluation;

/// <summary>A property name resolved once per query: its segments as UTF-8 (what the parsed
/// document compares against, so no name is transcoded per event) and, when dotted, the whole name
/// as one flat key, because OpenTelemetry attributes arrive flat (<c>"http.request.method"</c>).</summary>
internal sealed class PropertyPath
{
    private readonly byte[][] _segments;
    private readonly byte[]? _flat;

    public PropertyPath(FieldPath path)
    {
        _segments = [.. path.Segments.Select(Encoding.UTF8.GetBytes)];
        _flat = path.Segments.Count > 1 ? Encoding.UTF8.GetBytes(path.Name) : null;
    }

    /// <summary>Finds the value, which may be JSON null. The nested value wins, then the flat key, as
    /// the SQL's COALESCE(nested, flat) did; a JSON null only counts when neither side has a value.</summary>
    public bool TryFind(JsonElement properties, out JsonElement value)
    {
        value = default;
        if (properties.ValueKind != JsonValueKind.Object)
            return false;
        var nested = TryNested(properties, out var inner);
        if (_flat is null || (nested && inner.ValueKind != JsonValueKind.Null))
        {
            value = inner;
            return nested;
        }
        if (properties.TryGetProperty(_flat, out var flat) && (flat.ValueKind != JsonValueKind.Null || !nested))
        {
            value = flat;
            return true;
        }
        value = inner;
        return nested;
    }

    private bool TryNested(JsonElement properties, out JsonElement value)
    {
        value = properties;
        foreach (var segment in _segments)
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(segment, out value))
                return false;
        }
        return true;
    }
}
