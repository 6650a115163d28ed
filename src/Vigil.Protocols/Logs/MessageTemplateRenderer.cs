using System.Text;
using System.Text.Json.Nodes;

namespace Vigil.Protocols.Logs;

/// <summary>
/// Renders Serilog / Microsoft.Extensions.Logging message templates: <c>{Name}</c>, <c>{@Name}</c>,
/// <c>{$Name}</c>, <c>{Name:format}</c>, <c>{Name,alignment}</c> and <c>{{ }}</c> escapes.
/// A token whose property is missing stays as written, so nothing the sender said is lost.
/// </summary>
public static class MessageTemplateRenderer
{
    /// <summary>Serilog's style, as Seq shows CLEF: strings in quotes unless formatted with <c>:l</c>.</summary>
    public static string Render(string template, JsonObject properties) =>
        Render(template, properties, quoteStrings: true, renderings: null);

    /// <summary>
    /// <paramref name="quoteStrings"/> false gives Microsoft.Extensions.Logging's style (what the
    /// OTLP exporter for .NET sends): bare strings, arrays as comma-separated lists.
    /// </summary>
    public static string Render(string template, JsonObject properties, bool quoteStrings) =>
        Render(template, properties, quoteStrings, renderings: null);

    /// <summary>
    /// <paramref name="renderings"/> is CLEF's <c>@r</c>: the sender's own rendering of each token
    /// that has a format, in template order; we prefer it to re-formatting a JSON value.
    /// </summary>
    internal static string Render(string template, JsonObject properties, bool quoteStrings, JsonArray? renderings)
    {
        if (template.IndexOfAny(['{', '}']) < 0)
        {
            return template;
        }
        var output = new StringBuilder(template.Length + 32);
        var formatted = 0;
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                output.Append(c);
                i += 2;
                continue;
            }
            if (c != '{')
            {
                output.Append(c);
                i++;
                continue;
            }
            var close = template.IndexOf('}', i + 1);
            if (close < 0 || !TemplateToken.TryParse(template.AsSpan(i + 1, close - i - 1), out var token))
            {
                output.Append(c);
                i++;
                continue;
            }
            var rendering = token.Format is null ? null : RenderingAt(renderings, formatted++);
            if (!properties.TryGetPropertyValue(token.Name, out var value))
            {
                output.Append(template, i, close - i + 1);
            }
            else
            {
                var text = rendering ?? TemplateValueFormatter.Format(value, token.Format, quoteStrings);
                Align(output, text, token.Alignment);
            }
            i = close + 1;
        }
        return output.ToString();
    }

    private static string? RenderingAt(JsonArray? renderings, int index) =>
        renderings is not null && index < renderings.Count && renderings[index] is JsonValue v
        && v.TryGetValue(out string? s) ? s : null;

    private static void Align(StringBuilder output, string text, int alignment)
    {
        var pad = Math.Abs(alignment) - text.Length;
        if (alignment > 0 && pad > 0)
        {
            output.Append(' ', pad);
        }
        output.Append(text);
        if (alignment < 0 && pad > 0)
        {
            output.Append(' ', pad);
        }
    }
}
