using System.Text.Json.Nodes;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// One item of a Sentry envelope: its header line and its raw payload bytes. The payload is a
/// slice of the request body (no copy); it is only decoded by whoever handles the item type.
/// </summary>
public sealed class EnvelopeItem
{
    internal EnvelopeItem(string type, JsonObject headers, ReadOnlyMemory<byte> payload, long offset)
    {
        Type = type;
        Headers = headers;
        Payload = payload;
        Offset = offset;
    }

    /// <summary>The item type from the header (<c>event</c>, <c>transaction</c>, <c>attachment</c>, …).</summary>
    public string Type { get; }

    /// <summary>The whole item header object, including <c>type</c> and <c>length</c>.</summary>
    public JsonObject Headers { get; }

    /// <summary>The payload bytes, exactly as sent.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>Byte offset of the payload inside the envelope, for error messages.</summary>
    public long Offset { get; }

    /// <summary>Attachment file name, when the item carries one.</summary>
    public string? FileName => Headers["filename"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    /// <summary>Payload content type, when the item declares one.</summary>
    public string? ContentType => Headers["content_type"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    /// <summary>
    /// True for item types Vigil has no handler for. They are kept (never a reason to reject the
    /// envelope) so the pipeline can count them as skipped.
    /// </summary>
    public bool IsKnownType => KnownTypes.Contains(Type);

    private static readonly HashSet<string> KnownTypes = new(StringComparer.Ordinal)
    {
        "event", "transaction", "attachment", "session", "sessions", "client_report", "check_in",
        "user_report", "feedback", "profile", "profile_chunk", "replay_event", "replay_recording",
        "replay_video", "span", "log", "otel_log", "statsd", "metric_buckets", "security",
        "unreal_report", "form_data", "raw_security", "nel",
    };

    public override string ToString() => $"{Type} ({Payload.Length} bytes)";
}
