using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// Replaces secrets in a normalised event with "[Filtered]" before it is stored: values under
/// sensitive keys (anywhere: request, extra, contexts, breadcrumb data, frame vars, user, tags),
/// and payment card numbers inside any string. Structure is kept (keys, list lengths) so the
/// event still reads; structural fields are never matched because only keys are. Ingest scrubs
/// while it writes (<see cref="SentryEventPipeline"/>); this entry point applies the same rules,
/// through the same writer, to an event already in a tree.
/// </summary>
public static class PiiScrubber
{
    public const string Filtered = "[Filtered]";

    /// <summary>Scrubs <paramref name="payload"/> in place; returns how many values were replaced.</summary>
    public static int Scrub(JsonObject payload, ScrubOptions options)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return 0;
        }
        using var document = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(payload));
        var replaced = SentryEventPipeline.Write(w =>
        {
            w.Json.WriteStartObject();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                w.WriteNamed(property.Name, property.Value, w.RootMode(property.Name));
            }
            w.Json.WriteEndObject();
            return w.Replaced;
        }, SensitiveKeys.For(options), int.MaxValue, trim: false, out var scrubbed);
        var result = JsonNode.Parse(scrubbed)!.AsObject();
        payload.Clear();
        foreach (var name in result.Select(p => p.Key).ToList())
        {
            var value = result[name];
            result.Remove(name);
            payload[name] = value;
        }
        return replaced;
    }
}
