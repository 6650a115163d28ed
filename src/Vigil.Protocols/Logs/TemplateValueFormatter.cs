using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Protocols.Logs;

/// <summary>
/// Turns one property value into template text. The values have been through JSON, so .NET
/// format strings are applied to numbers and to timestamps that parse as such; anything the
/// format does not fit is shown unformatted rather than failing the record.
/// </summary>
internal static class TemplateValueFormatter
{
    public static string Format(JsonNode? value, string? format, bool quoteStrings)
    {
        var text = new StringBuilder();
        Append(text, value, format, quoteStrings, nested: false);
        return text.ToString();
    }

    private static void Append(StringBuilder text, JsonNode? value, string? format, bool quoteStrings, bool nested)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case JsonArray array when !quoteStrings && !nested:
                AppendItems(text, array, quoteStrings);
                break;
            case JsonArray array:
                text.Append('[');
                AppendItems(text, array, quoteStrings);
                text.Append(']');
                break;
            case JsonObject obj when !quoteStrings:
                text.Append(obj.ToJsonString());
                break;
            case JsonObject obj:
                AppendStructure(text, obj);
                break;
            case JsonValue scalar:
                AppendScalar(text, scalar, format, quoteStrings);
                break;
        }
    }

    private static void AppendItems(StringBuilder text, JsonArray array, bool quoteStrings)
    {
        for (var i = 0; i < array.Count; i++)
        {
            text.Append(i == 0 ? "" : ", ");
            Append(text, array[i], null, quoteStrings, nested: true);
        }
    }

    // Serilog's structure rendering: { Name: "value", Tags: [1, 2] }, with "$type" as a prefix.
    private static void AppendStructure(StringBuilder text, JsonObject obj)
    {
        if (obj["$type"] is JsonValue type && type.TryGetValue(out string? typeName))
        {
            text.Append(typeName).Append(' ');
        }
        text.Append("{ ");
        var first = true;
        foreach (var (key, item) in obj)
        {
            if (key == "$type")
            {
                continue;
            }
            text.Append(first ? "" : ", ").Append(key).Append(": ");
            Append(text, item, null, quoteStrings: true, nested: true);
            first = false;
        }
        text.Append(first ? "}" : " }");
    }

    private static void AppendScalar(StringBuilder text, JsonValue scalar, string? format, bool quote)
    {
        switch (scalar.GetValueKind())
        {
            case JsonValueKind.String:
                var s = scalar.GetValue<string>();
                if (format == "l" || !quote)
                {
                    text.Append(format is null or "l" ? s : FormatDate(s, format));
                }
                else
                {
                    text.Append('"').Append(s.Replace("\"", "\\\"")).Append('"');
                }
                break;
            case JsonValueKind.Number:
                text.Append(format is null ? scalar.ToJsonString() : FormatNumber(scalar, format));
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            default:
                text.Append(scalar.ToJsonString());
                break;
        }
    }

    private static string FormatNumber(JsonValue scalar, string format)
    {
        try
        {
            if (scalar.TryGetValue(out long l))
            {
                return l.ToString(format, CultureInfo.InvariantCulture);
            }
            if (scalar.TryGetValue(out double d))
            {
                return d.ToString(format, CultureInfo.InvariantCulture);
            }
        }
        catch (FormatException)
        {
            // "x8" on a fraction, say: the sender's format does not fit the value we have.
        }
        return scalar.ToJsonString();
    }

    private static string FormatDate(string s, string format)
    {
        if (!DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return s;
        }
        try
        {
            return date.ToString(format, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            return s;
        }
    }
}
