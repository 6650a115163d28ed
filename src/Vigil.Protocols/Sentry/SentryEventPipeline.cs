using System.Buffers;
using System.Text.Json;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// The ingest hot path for one event: parse (read-only, pooled), then write the normalised, cut
/// and scrubbed canonical event straight out while collecting the summary fields and the grouping
/// components in the same walk, then hash. No mutable tree is built and nothing is serialised twice.
/// </summary>
public static class SentryEventPipeline
{
    // One writer per thread: the canonical event is copied out, so the buffer is reused at once.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Normalises, scrubs (when <paramref name="scrub"/> is given and enabled) and groups one event.</summary>
    public static ProcessResult Process(ReadOnlyMemory<byte> json, EventNormalizeOptions options, ScrubOptions? scrub)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (ev, error) = Normalize(json, options, scrub);
        return ev is null ? new ProcessResult(null, error) : new ProcessResult(new ProcessedEvent(ev, EventGrouper.Group(ev), ev.PayloadUtf8), null);
    }

    internal static (NormalizedEvent? Event, ParseError? Error) Normalize(ReadOnlyMemory<byte> json, EventNormalizeOptions options, ScrubOptions? scrub)
    {
        if (!JsonInput.TryParseDocument(json, options.MaxDepth, "event", out var document, out var error))
        {
            return (null, error);
        }
        using (document)
        {
            var keys = scrub is { Enabled: true } ? SensitiveKeys.For(scrub) : null;
            // A string cannot be longer in characters than the whole document is in bytes.
            var trim = json.Length > options.MaxStringLength;
            var ev = Write(w => CanonicalEventWriter.Write(w, document!.RootElement, options), keys, options.MaxStringLength, trim, out var payload);
            ev.PayloadUtf8 = payload;
            return (ev, null);
        }
    }

    /// <summary>Runs <paramref name="write"/> against the thread's pooled writer; <paramref name="utf8"/> is a copy of what it wrote.</summary>
    internal static T Write<T>(Func<PayloadWriter, T> write, SensitiveKeys? keys, int maxStringLength, bool trim, out byte[] utf8)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        var json = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        buffer.ResetWrittenCount();
        json.Reset(buffer);
        try
        {
            var result = write(new PayloadWriter(json, keys, maxStringLength, trim));
            json.Flush();
            utf8 = buffer.WrittenSpan.ToArray();
            return result;
        }
        finally
        {
            json.Reset();
            // A hostile event can grow the buffer; do not keep megabytes per thread for ever.
            if (buffer.Capacity > 1024 * 1024)
            {
                t_buffer = null;
                t_writer = null;
            }
        }
    }
}
