using System.Text;
using System.Text.Json.Nodes;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// Folds the legacy <c>message</c> (a string or an object) and <c>logentry</c> into one canonical
/// <c>logentry {formatted, message, params}</c>, formatting the template when the SDK did not.
/// Both printf (<c>%s</c>, <c>%d</c>) and .NET/structured (<c>{0}</c>, <c>{name}</c>) templates occur.
/// </summary>
internal static class LogEntryFormatter
{
    /// <summary>Canonicalises the root's message fields; returns the formatted message, or null.</summary>
    public static string? Normalize(JsonObject root)
    {
        var entry = root["logentry"] as JsonObject ?? root["message"] as JsonObject;
        var legacyText = JsonShapes.StringOf(root["message"]);
        root.Remove("message");
        if (entry is null)
        {
            root.Remove("logentry");
            if (string.IsNullOrEmpty(legacyText))
            {
                return null;
            }
            root["logentry"] = new JsonObject { ["formatted"] = legacyText };
            return legacyText;
        }
        // Detach before re-parenting its params; a message object was already removed above.
        root.Remove("logentry");
        var template = JsonShapes.StringOf(entry["message"]);
        var formatted = JsonShapes.StringOf(entry["formatted"]);
        if (string.IsNullOrEmpty(formatted) && template is not null)
        {
            formatted = Format(template, entry["params"]);
        }
        formatted ??= legacyText;
        if (string.IsNullOrEmpty(formatted))
        {
            return null;
        }
        var canonical = new JsonObject { ["formatted"] = formatted };
        if (template is not null && template != formatted)
        {
            canonical["message"] = template;
            if (entry["params"] is JsonNode parameters)
            {
                entry.Remove("params");
                canonical["params"] = parameters;
            }
        }
        root["logentry"] = canonical;
        return formatted;
    }

    public static string Format(string template, JsonNode? parameters)
    {
        if (parameters is not JsonArray && parameters is not JsonObject)
        {
            return template;
        }
        var builder = new StringBuilder(template.Length + 32);
        var next = 0;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '%' && i + 1 < template.Length)
            {
                var spec = template[i + 1];
                if (spec == '%')
                {
                    builder.Append('%');
                    i++;
                    continue;
                }
                if (char.IsAsciiLetter(spec) && parameters is JsonArray positional && next < positional.Count)
                {
                    builder.Append(JsonShapes.AnyText(positional[next++]) ?? "null");
                    i++;
                    continue;
                }
            }
            else if (c == '{')
            {
                var close = template.IndexOf('}', i + 1);
                if (close > i + 1 && TryLookup(parameters, template.AsSpan(i + 1, close - i - 1), out var value))
                {
                    builder.Append(value);
                    i = close;
                    continue;
                }
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    private static bool TryLookup(JsonNode parameters, ReadOnlySpan<char> name, out string value)
    {
        value = "";
        // "{0:N2}" and "{Count,5}" carry format specs we cannot honour; use the raw value.
        var cut = name.IndexOfAny(':', ',');
        if (cut >= 0)
        {
            name = name[..cut];
        }
        JsonNode? found = null;
        if (parameters is JsonArray list && int.TryParse(name, out var index) && index >= 0 && index < list.Count)
        {
            found = list[index];
        }
        else if (parameters is JsonObject map)
        {
            var key = name.ToString();
            if (!map.TryGetPropertyValue(key, out found))
            {
                return false;
            }
        }
        else
        {
            return false;
        }
        value = JsonShapes.AnyText(found) ?? "null";
        return true;
    }
}
