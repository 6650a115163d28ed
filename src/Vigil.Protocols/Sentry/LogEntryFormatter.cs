using System.Text;
using System.Text.Json;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// Folds the legacy <c>message</c> (a string or an object) and <c>logentry</c> into one canonical
/// <c>logentry {formatted, message, params}</c>, formatting the template when the SDK did not.
/// Both printf (<c>%s</c>, <c>%d</c>) and .NET/structured (<c>{0}</c>, <c>{name}</c>) templates occur.
/// </summary>
internal static class LogEntryFormatter
{
    /// <summary>Writes the canonical logentry; returns the formatted message and the template as stored.</summary>
    public static (string? Message, string? StoredTemplate) Write(PayloadWriter w, JsonElement logentry, JsonElement message)
    {
        var entry = logentry.ValueKind == JsonValueKind.Object ? logentry
            : message.ValueKind == JsonValueKind.Object ? message : default;
        var legacyText = ElementText.StringOf(message);
        var mode = w.RootMode("logentry");
        if (entry.ValueKind != JsonValueKind.Object)
        {
            if (string.IsNullOrEmpty(legacyText))
            {
                return (null, null);
            }
            Start(w, legacyText, mode);
            End(w);
            return (legacyText, null);
        }
        var template = ElementText.StringOf(ElementText.Property(entry, "message"));
        var formatted = ElementText.StringOf(ElementText.Property(entry, "formatted"));
        var parameters = ElementText.Property(entry, "params");
        if (string.IsNullOrEmpty(formatted) && template is not null)
        {
            formatted = Format(template, parameters);
        }
        formatted ??= legacyText;
        if (string.IsNullOrEmpty(formatted))
        {
            return (null, null);
        }
        Start(w, formatted, mode);
        string? storedTemplate = null;
        if (template is not null && template != formatted)
        {
            storedTemplate = w.WriteTextProperty("message", template, w.ChildMode(mode, "message"));
            if (parameters.ValueKind is not JsonValueKind.Undefined and not JsonValueKind.Null)
            {
                w.WriteNamed("params", parameters, w.ChildMode(mode, "params"));
            }
        }
        End(w);
        return (formatted, storedTemplate);
    }

    private static void Start(PayloadWriter w, string formatted, ScrubMode mode)
    {
        w.Push("logentry");
        w.Json.WritePropertyName("logentry");
        w.Json.WriteStartObject();
        w.WriteTextProperty("formatted", formatted, w.ChildMode(mode, "formatted"));
    }

    private static void End(PayloadWriter w)
    {
        w.Json.WriteEndObject();
        w.Pop();
    }

    public static string Format(string template, JsonElement parameters)
    {
        if (parameters.ValueKind is not JsonValueKind.Array and not JsonValueKind.Object)
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
                if (char.IsAsciiLetter(spec) && parameters.ValueKind == JsonValueKind.Array && next < parameters.GetArrayLength())
                {
                    builder.Append(ElementText.AnyText(parameters[next++]) ?? "null");
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

    private static bool TryLookup(JsonElement parameters, ReadOnlySpan<char> name, out string value)
    {
        value = "";
        // "{0:N2}" and "{Count,5}" carry format specs we cannot honour; use the raw value.
        var cut = name.IndexOfAny(':', ',');
        if (cut >= 0)
        {
            name = name[..cut];
        }
        JsonElement found;
        if (parameters.ValueKind == JsonValueKind.Array && int.TryParse(name, out var index) && index >= 0 && index < parameters.GetArrayLength())
        {
            found = parameters[index];
        }
        else if (parameters.ValueKind == JsonValueKind.Object)
        {
            if (!parameters.TryGetProperty(name, out found))
            {
                return false;
            }
        }
        else
        {
            return false;
        }
        value = ElementText.AnyText(found) ?? "null";
        return true;
    }
}
