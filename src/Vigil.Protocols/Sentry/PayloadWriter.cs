using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// Writes the canonical event in the same pass that reads it, applying the two rules every value
/// obeys: long strings are cut (and the cut recorded by path for <c>_meta</c>), then secrets are
/// scrubbed (<see cref="ScrubMode"/>). Values no rule touches are copied without being decoded.
/// </summary>
internal sealed class PayloadWriter(Utf8JsonWriter json, SensitiveKeys? keys, int maxStringLength, bool trim)
{
    private const string Ellipsis = "...";
    private static readonly string[] Indexes = [.. Enumerable.Range(0, 256).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    // Identifiers and machine fields: never secrets, and scanning them costs time on every event.
    private static readonly HashSet<string> SkippedTopLevel = new(StringComparer.Ordinal)
    {
        "_meta", "event_id", "timestamp", "received", "level", "platform", "sdk", "fingerprint", "modules",
    };

    private const int MaxStackName = 128;
    private readonly int _maxLength = Math.Max(maxStringLength, Ellipsis.Length + 1);
    private readonly List<PathSegment> _path = new(16);
    private List<KeyValuePair<string, int>>? _trims;

    public Utf8JsonWriter Json { get; } = json;

    public int Replaced { get; private set; }

    public void Push(string segment) => _path.Add(new(segment, default));

    public void PushIndex(int index) => Push(index < Indexes.Length ? Indexes[index] : index.ToString(CultureInfo.InvariantCulture));

    public void Pop() => _path.RemoveAt(_path.Count - 1);

    /// <summary>Records that the value at the current path lost items or characters.</summary>
    public void RecordTrim(int originalSize) => (_trims ??= []).Add(new(string.Join('.', _path), originalSize));

    public ScrubMode RootMode(string key) =>
        keys is null || SkippedTopLevel.Contains(key) ? ScrubMode.Off : ChildMode(ScrubMode.Scan, key);

    public ScrubMode ChildMode(ScrubMode parent, string key) =>
        parent != ScrubMode.Scan ? parent
        : keys!.IsSafe(key) ? ScrubMode.Off
        : keys.IsSensitive(key) ? ScrubMode.Filter
        : ScrubMode.Scan;

    /// <summary>As <see cref="ChildMode(ScrubMode, string)"/> for a property of the input, deciding from its raw name.</summary>
    public ScrubMode ChildMode(ScrubMode parent, JsonProperty property)
    {
        if (parent != ScrubMode.Scan)
        {
            return parent;
        }
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (keys!.Decisions.TryGet(raw, out var mode))
        {
            return mode;
        }
        mode = DecideChildMode(property, raw);
        keys.Decisions.Remember(raw, mode);
        return mode;
    }

    private ScrubMode DecideChildMode(JsonProperty property, ReadOnlySpan<byte> raw)
    {
        if (raw.Length > MaxStackName || raw.IndexOf((byte)'\\') >= 0)
        {
            return ChildMode(ScrubMode.Scan, property.Name);
        }
        Span<char> name = stackalloc char[MaxStackName];
        name = name[..System.Text.Encoding.UTF8.GetChars(raw, name)];
        return keys!.IsSafe(name) ? ScrubMode.Off
            : keys.IsSensitive(name) ? ScrubMode.Filter
            : ScrubMode.Scan;
    }

    /// <summary>Writes the name of an input property and steps into it (undo with <see cref="Pop"/>).</summary>
    public void PushProperty(JsonProperty property)
    {
        _path.Add(new(null, property));
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        // Unescaped names are passed as bytes; the writer escapes what needs escaping.
        if (raw.IndexOf((byte)'\\') < 0)
        {
            Json.WritePropertyName(raw);
        }
        else
        {
            Json.WritePropertyName(property.Name);
        }
    }

    /// <summary>Copies an input property; <paramref name="parent"/> is the mode of the object holding it.</summary>
    public void WriteProperty(JsonProperty property, ScrubMode parent)
    {
        var mode = ChildMode(parent, property);
        PushProperty(property);
        if (mode == ScrubMode.Scan && property.Value.ValueKind == JsonValueKind.String && property.NameEquals("query_string"u8))
        {
            WriteQuery(property.Value.GetString()!);
        }
        else
        {
            WriteValue(property.Value, mode);
        }
        Pop();
    }

    /// <summary>Writes an input value under a name; <paramref name="mode"/> is the property's own.</summary>
    public void WriteNamed(string name, JsonElement value, ScrubMode mode)
    {
        Push(name);
        Json.WritePropertyName(name);
        if (mode == ScrubMode.Scan && name == "query_string" && value.ValueKind == JsonValueKind.String)
        {
            WriteQuery(value.GetString()!);
        }
        else
        {
            WriteValue(value, mode);
        }
        Pop();
    }

    /// <summary>Writes a property whose value the normaliser made; returns the value as stored.</summary>
    public string WriteTextProperty(string name, string text, ScrubMode mode)
    {
        Push(name);
        Json.WritePropertyName(name);
        var stored = WriteText(text, mode);
        Pop();
        return stored;
    }

    /// <summary>Writes <c>[[key, value], …]</c>; names stay readable, values obey the key's rule.</summary>
    public void WritePairs(string name, List<KeyValuePair<string, string>> pairs, ScrubMode mode)
    {
        Push(name);
        Json.WritePropertyName(name);
        Json.WriteStartArray();
        for (var i = 0; i < pairs.Count; i++)
        {
            PushIndex(i);
            Json.WriteStartArray();
            PushIndex(0);
            WriteText(pairs[i].Key, ScrubMode.Off);
            Pop();
            PushIndex(1);
            WriteText(pairs[i].Value, ChildMode(mode, pairs[i].Key));
            Pop();
            Json.WriteEndArray();
            Pop();
        }
        Json.WriteEndArray();
        Pop();
    }

    /// <summary>Copies every property of <paramref name="obj"/>.</summary>
    public void CopyProperties(JsonElement obj, ScrubMode mode)
    {
        foreach (var property in obj.EnumerateObject())
        {
            WriteProperty(property, mode);
        }
    }

    public void WriteValue(JsonElement e, ScrubMode mode)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                Json.WriteStartObject();
                CopyProperties(e, mode);
                Json.WriteEndObject();
                break;
            case JsonValueKind.Array:
                Json.WriteStartArray();
                var index = 0;
                foreach (var item in e.EnumerateArray())
                {
                    PushIndex(index++);
                    // Lists of [name, value] pairs (tags, headers, cookies) are scrubbed like objects.
                    if (mode != ScrubMode.Off && item.ValueKind == JsonValueKind.Array && item.GetArrayLength() == 2
                        && item[0].ValueKind == JsonValueKind.String)
                    {
                        var key = item[0].GetString()!;
                        Json.WriteStartArray();
                        PushIndex(0);
                        WriteText(key, ScrubMode.Off);
                        Pop();
                        PushIndex(1);
                        WriteValue(item[1], ChildMode(mode, key));
                        Pop();
                        Json.WriteEndArray();
                    }
                    else
                    {
                        WriteValue(item, mode);
                    }
                    Pop();
                }
                Json.WriteEndArray();
                break;
            case JsonValueKind.String:
                WriteString(e, mode);
                break;
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                if (mode == ScrubMode.Filter)
                {
                    WriteFiltered();
                }
                else
                {
                    Json.WriteRawValue(JsonMarshal.GetRawUtf8Value(e), skipInputValidation: true);
                }
                break;
            default:
                Json.WriteNullValue();
                break;
        }
    }

    public void WriteBoolean(bool value, ScrubMode mode)
    {
        if (mode == ScrubMode.Filter)
        {
            WriteFiltered();
        }
        else
        {
            Json.WriteBooleanValue(value);
        }
    }

    public void WriteNumber(double value, ScrubMode mode)
    {
        if (mode == ScrubMode.Filter)
        {
            WriteFiltered();
        }
        else
        {
            Json.WriteNumberValue(value);
        }
    }

    /// <summary>Writes a string of the input; the raw bytes decide most cases without decoding.</summary>
    public void WriteString(JsonElement e, ScrubMode mode)
    {
        // The raw token, quotes included. A string never has more chars than raw bytes, nor more
        // digits than its raw form, so most strings are copied as they came, escapes and all.
        var raw = JsonMarshal.GetRawUtf8Value(e);
        if ((!trim || raw.Length <= _maxLength)
            && (mode == ScrubMode.Off || (mode == ScrubMode.Scan && !CardNumbers.MayContainOne(raw))))
        {
            Json.WriteRawValue(raw, skipInputValidation: true);
            return;
        }
        WriteString(e, e.GetString()!, mode);
    }

    /// <summary>Writes text through both rules; returns what was written.</summary>
    public string WriteText(string text, ScrubMode mode)
    {
        text = Apply(text, mode);
        Json.WriteStringValue(text);
        return text;
    }

    /// <summary>Writes an input string already decoded as <paramref name="text"/>; returns what was written.</summary>
    public string WriteString(JsonElement e, string text, ScrubMode mode)
    {
        var stored = Apply(text, mode);
        if (ReferenceEquals(stored, text))
        {
            Json.WriteRawValue(JsonMarshal.GetRawUtf8Value(e), skipInputValidation: true);
        }
        else
        {
            Json.WriteStringValue(stored);
        }
        return stored;
    }

    private string Apply(string text, ScrubMode mode)
    {
        text = Trim(text);
        if (mode == ScrubMode.Filter && text != PiiScrubber.Filtered)
        {
            Replaced++;
            return PiiScrubber.Filtered;
        }
        if (mode == ScrubMode.Scan && CardNumbers.Redact(text, PiiScrubber.Filtered) is { } redacted)
        {
            Replaced++;
            return redacted;
        }
        return text;
    }

    /// <summary>Writes the collected trims as <c>_meta</c>; anything a client sent there was dropped.</summary>
    public void WriteMeta()
    {
        if (_trims is null)
        {
            return;
        }
        Json.WriteStartObject("_meta");
        foreach (var (path, size) in _trims)
        {
            Json.WriteStartObject(path);
            Json.WriteNumber("trimmed_from", size);
            Json.WriteEndObject();
        }
        Json.WriteEndObject();
    }

    private void WriteFiltered()
    {
        Replaced++;
        Json.WriteStringValue(PiiScrubber.Filtered);
    }

    private string Trim(string text)
    {
        if (!trim || text.Length <= _maxLength)
        {
            return text;
        }
        var cut = _maxLength - Ellipsis.Length;
        // Do not split a surrogate pair: half a character is invalid UTF-16 and breaks re-encoding.
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }
        RecordTrim(text.Length);
        return string.Concat(text.AsSpan(0, cut), Ellipsis);
    }

    private void WriteQuery(string query)
    {
        var parts = Trim(query).Split('&');
        for (var i = 0; i < parts.Length; i++)
        {
            var eq = parts[i].IndexOf('=');
            if (eq > 0 && keys!.IsSensitive(Uri.UnescapeDataString(parts[i][..eq])))
            {
                parts[i] = parts[i][..(eq + 1)] + PiiScrubber.Filtered;
                Replaced++;
            }
        }
        var text = string.Join('&', parts);
        if (CardNumbers.Redact(text, PiiScrubber.Filtered) is { } redacted)
        {
            Replaced++;
            text = redacted;
        }
        Json.WriteStringValue(text);
    }
}
