using System.Text.Json.Nodes;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// Records what normalisation removed, keyed by dotted path (<c>exception.values.0.stacktrace.frames</c>),
/// so the UI can say "250 of 10,000 frames shown" instead of silently lying. Also does the
/// string trimming pass, because every trim must be recorded.
/// </summary>
internal sealed class EventMeta
{
    private const string Ellipsis = "...";
    private readonly List<string> _path = new(16);
    private JsonObject? _entries;

    public bool IsEmpty => _entries is null;

    public void RecordTrim(string path, int originalSize)
    {
        _entries ??= new JsonObject();
        _entries[path] = new JsonObject { ["trimmed_from"] = originalSize };
    }

    /// <summary>Attaches the collected entries as <c>_meta</c>, replacing anything a client sent there.</summary>
    public void WriteTo(JsonObject root)
    {
        root.Remove("_meta");
        if (_entries is not null)
        {
            root["_meta"] = _entries;
        }
    }

    /// <summary>Cuts every string value longer than <paramref name="maxLength"/> characters.</summary>
    public void TrimStrings(JsonObject root, int maxLength)
    {
        _path.Clear();
        Walk(root, Math.Max(maxLength, Ellipsis.Length + 1));
    }

    private void Walk(JsonNode node, int maxLength)
    {
        switch (node)
        {
            case JsonObject obj:
                // Collect first: replacing a value while enumerating the object is not allowed.
                List<KeyValuePair<string, string>>? replace = null;
                foreach (var (key, child) in obj)
                {
                    if (child is null)
                    {
                        continue;
                    }
                    _path.Add(key);
                    if (TryTrim(child, maxLength, out var trimmed))
                    {
                        (replace ??= []).Add(new(key, trimmed));
                    }
                    else
                    {
                        Walk(child, maxLength);
                    }
                    _path.RemoveAt(_path.Count - 1);
                }
                if (replace is not null)
                {
                    foreach (var (key, value) in replace)
                    {
                        obj[key] = value;
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var child = array[i];
                    if (child is null)
                    {
                        continue;
                    }
                    _path.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    if (TryTrim(child, maxLength, out var trimmed))
                    {
                        array[i] = trimmed;
                    }
                    else
                    {
                        Walk(child, maxLength);
                    }
                    _path.RemoveAt(_path.Count - 1);
                }
                break;
        }
    }

    private bool TryTrim(JsonNode node, int maxLength, out string trimmed)
    {
        trimmed = "";
        // Most values are short: decide from the parsed bytes before transcoding them.
        if (JsonShapes.TryRawString(node, out var raw) && raw.Length <= maxLength)
        {
            return false;
        }
        if (JsonShapes.StringOf(node) is not { } text || text.Length <= maxLength)
        {
            return false;
        }
        var cut = maxLength - Ellipsis.Length;
        // Do not split a surrogate pair: half a character is invalid UTF-16 and breaks re-encoding.
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }
        trimmed = string.Concat(text.AsSpan(0, cut), Ellipsis);
        RecordTrim(string.Join('.', _path), text.Length);
        return true;
    }
}
