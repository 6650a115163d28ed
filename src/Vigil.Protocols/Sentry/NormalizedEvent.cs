using System.Text.Json.Nodes;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// An event after <see cref="EventNormalizer"/>: canonical shapes in <see cref="Payload"/> and the
/// fields ingest, grouping and the issue list need, lifted out so nobody re-reads the JSON.
/// </summary>
public sealed class NormalizedEvent
{
    private JsonObject? _payload;

    internal NormalizedEvent()
    {
    }

    /// <summary>32 lowercase hex digits; generated when the event had none.</summary>
    public string EventId { get; internal init; } = "";

    /// <summary>When the event happened, never later than when it was received.</summary>
    public DateTimeOffset Timestamp { get; internal init; }

    /// <summary>fatal, error, warning, info or debug.</summary>
    public string Level { get; internal init; } = LevelNames.Default;

    public string Platform { get; internal init; } = "other";

    public string? Release { get; internal init; }

    public string? Environment { get; internal init; }

    public string? ServerName { get; internal init; }

    public string? Transaction { get; internal init; }

    public string? Logger { get; internal init; }

    /// <summary>"Type: value" of the main exception, else the message's first line, else "&lt;unlabeled event&gt;".</summary>
    public string Title { get; internal init; } = EventSummary.Unlabeled;

    /// <summary>Where it happened: "module in function" of the crash frame, else the transaction, else "".</summary>
    public string Culprit { get; internal init; } = "";

    /// <summary>The formatted log message, if the event has one.</summary>
    public string? Message { get; internal init; }

    /// <summary>Type of the main (last) exception.</summary>
    public string? ExceptionType { get; internal init; }

    /// <summary>Tags as pairs, including level, release, environment and server_name.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; internal init; } = [];

    /// <summary>"id:…", "email:…", "username:…" or "ip:…"; null when the event names no user.</summary>
    public string? UserKey { get; internal init; }

    public string? TraceId { get; internal init; }

    /// <summary>The SDK's fingerprint, if it sent one.</summary>
    public IReadOnlyList<string>? Fingerprint { get; internal init; }

    /// <summary>The whole normalised event as stored (compact UTF-8 JSON), plus <c>_meta</c> describing anything trimmed.</summary>
    public ReadOnlyMemory<byte> PayloadUtf8 { get; internal set; }

    /// <summary>
    /// <see cref="PayloadUtf8"/> as a tree, parsed on first use: ingest never needs it, so the hot
    /// path builds no DOM. Changes made to it do not flow back into <see cref="PayloadUtf8"/>.
    /// </summary>
    public JsonObject Payload => _payload ??= JsonNode.Parse(PayloadUtf8.Span)!.AsObject();

    internal GroupingInput Grouping { get; init; } = new(null, null);

    /// <summary>The value of the first tag with this key, or null.</summary>
    public string? Tag(string key)
    {
        foreach (var (k, v) in Tags)
        {
            if (k == key)
            {
                return v;
            }
        }
        return null;
    }

    public override string ToString() => $"{EventId} {Level} {Title}";
}
