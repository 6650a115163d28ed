namespace Vigil.Protocols.Sentry;

/// <summary>
/// Turns an event payload as SDKs send it (many legacy and lenient shapes) into one canonical
/// shape and lifts out the fields ingest needs, without scrubbing. Ingest uses
/// <see cref="SentryEventPipeline"/>, which does this, scrubbing and grouping in one pass.
/// Never throws on bad input.
/// </summary>
public static class EventNormalizer
{
    public static EventNormalizeResult Normalize(ReadOnlySpan<byte> json, EventNormalizeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (ev, error) = SentryEventPipeline.Normalize(json.ToArray(), options, scrub: null);
        return new EventNormalizeResult(ev, error);
    }
}
