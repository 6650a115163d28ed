using System.Text.Json.Nodes;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// Replaces secrets in a normalised event with "[Filtered]" before it is stored: values under
/// sensitive keys (anywhere: request, extra, contexts, breadcrumb data, frame vars, user, tags),
/// and payment card numbers inside any string. Structure is kept (keys, list lengths) so the
/// event still reads; structural fields are never matched because only keys are.
/// </summary>
public static class PiiScrubber
{
    public const string Filtered = "[Filtered]";

    // Identifiers and machine fields: never secrets, and scanning them costs time on every event.
    private static readonly HashSet<string> SkippedTopLevel = new(StringComparer.Ordinal)
    {
        "_meta", "event_id", "timestamp", "received", "level", "platform", "sdk", "fingerprint", "modules",
    };

    /// <summary>Scrubs <paramref name="payload"/> in place; returns how many values were replaced.</summary>
    public static int Scrub(JsonObject payload, ScrubOptions options)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return 0;
        }
        var walker = new ScrubWalker(SensitiveKeys.For(options));
        walker.VisitObject(payload, SkippedTopLevel);
        return walker.Replaced;
    }
}
