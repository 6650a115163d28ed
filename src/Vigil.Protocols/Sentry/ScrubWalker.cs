using System.Text.Json.Nodes;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// One scrubbing pass over a payload. A value under a sensitive key is filtered entirely (every
/// leaf, keeping the shape); other strings are checked for card numbers. Lists of
/// <c>[key, value]</c> pairs (tags, headers, cookies) are treated like objects.
/// </summary>
internal sealed class ScrubWalker(SensitiveKeys keys)
{
    private readonly SensitiveKeys _keys = keys;

    public int Replaced { get; private set; }

    public void VisitObject(JsonObject obj, HashSet<string>? skip = null)
    {
        // A JsonObject cannot be modified while enumerated; collect replacements, apply after.
        List<KeyValuePair<string, JsonNode>>? replace = null;
        foreach (var (key, child) in obj)
        {
            if (child is null || (skip is not null && skip.Contains(key)) || _keys.IsSafe(key))
            {
                continue;
            }
            var replacement = _keys.IsSensitive(key) ? FilterAll(child)
                : key == "query_string" && JsonShapes.StringOf(child) is { } query ? ScrubQuery(query)
                : Visit(child);
            if (replacement is not null)
            {
                (replace ??= []).Add(new(key, replacement));
            }
        }
        if (replace is not null)
        {
            foreach (var (key, value) in replace)
            {
                obj[key] = value;
            }
        }
    }

    /// <summary>Returns a node to put in place of <paramref name="node"/>, or null to keep it (possibly mutated).</summary>
    private JsonNode? Visit(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                VisitObject(obj);
                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var child = array[i];
                    if (child is JsonArray { Count: 2 } pair && JsonShapes.StringOf(pair[0]) is { } key)
                    {
                        if (_keys.IsSafe(key))
                        {
                            continue;
                        }
                        if (pair[1] is JsonNode value && (_keys.IsSensitive(key) ? FilterAll(value) : Visit(value)) is { } r)
                        {
                            pair[1] = r;
                        }
                    }
                    else if (child is not null && Visit(child) is { } replacement)
                    {
                        array[i] = replacement;
                    }
                }
                return null;
            default:
                if (JsonShapes.TryRawString(node, out var raw) && !CardNumbers.MayContainOne(raw))
                {
                    return null;
                }
                if (JsonShapes.StringOf(node) is { } text && CardNumbers.Redact(text, PiiScrubber.Filtered) is { } redacted)
                {
                    Replaced++;
                    return JsonValue.Create(redacted);
                }
                return null;
        }
    }

    private JsonNode? FilterAll(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (obj[key] is JsonNode child && FilterAll(child) is { } r)
                    {
                        obj[key] = r;
                    }
                }
                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    // In a list of [name, value] pairs (cookies, headers) the names stay readable.
                    var target = array[i] is JsonArray { Count: 2 } pair && JsonShapes.StringOf(pair[0]) is not null ? pair : array;
                    var index = ReferenceEquals(target, array) ? i : 1;
                    if (target[index] is JsonNode child && FilterAll(child) is { } r)
                    {
                        target[index] = r;
                    }
                }
                return null;
            default:
                if (JsonShapes.StringOf(node) == PiiScrubber.Filtered)
                {
                    return null;
                }
                Replaced++;
                return JsonValue.Create(PiiScrubber.Filtered);
        }
    }

    private JsonNode? ScrubQuery(string query)
    {
        var parts = query.Split('&');
        var changed = false;
        for (var i = 0; i < parts.Length; i++)
        {
            var eq = parts[i].IndexOf('=');
            if (eq > 0 && _keys.IsSensitive(Uri.UnescapeDataString(parts[i][..eq])))
            {
                parts[i] = parts[i][..(eq + 1)] + PiiScrubber.Filtered;
                Replaced++;
                changed = true;
            }
        }
        var text = changed ? string.Join('&', parts) : query;
        if (CardNumbers.Redact(text, PiiScrubber.Filtered) is { } redacted)
        {
            Replaced++;
            return JsonValue.Create(redacted);
        }
        return changed ? JsonValue.Create(text) : null;
    }
}
