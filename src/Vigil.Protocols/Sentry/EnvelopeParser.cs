using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// Reads the Sentry envelope format: a header line of JSON, then items, each a header line of
/// JSON followed by a payload. A payload is either exactly <c>length</c> bytes (then a newline
/// or EOF) or, without <c>length</c>, everything up to the next newline. Never throws.
/// </summary>
public static class EnvelopeParser
{
    // Header lines are small; a deep one is an attack, not an SDK.
    private const int HeaderMaxDepth = 32;

    public static EnvelopeParseResult Parse(ReadOnlyMemory<byte> body)
    {
        var span = body.Span;
        var headerEnd = LineEnd(span, 0);
        if (!JsonInput.TryParseObject(span[..headerEnd], 0, HeaderMaxDepth, "envelope header", out var headers, out var error))
        {
            return new EnvelopeParseResult(null, error);
        }
        var eventIdText = StringOf(headers!["event_id"]);
        var eventId = EventIds.Normalize(eventIdText);
        var dsn = StringOf(headers["dsn"]);
        if (eventIdText is not null && eventId is null)
        {
            // Relay rejects such a header too: the id is the dedup key, a wrong one must not slip by.
            return new EnvelopeParseResult(null, new ParseError($"envelope header event_id \"{eventIdText}\" is not a UUID", 0));
        }
        var items = new List<EnvelopeItem>();
        var itemError = ReadItems(body, headerEnd + 1, items);
        return new EnvelopeParseResult(new Envelope(headers, eventId, dsn, items), itemError);
    }

    private static ParseError? ReadItems(ReadOnlyMemory<byte> body, int position, List<EnvelopeItem> items)
    {
        var span = body.Span;
        var number = 0;
        while (position < span.Length)
        {
            var headerEnd = LineEnd(span, position);
            if (headerEnd == position)
            {
                // Blank line: Relay's JSON stream reader skips whitespace between items, so do we.
                position++;
                continue;
            }
            number++;
            if (!JsonInput.TryParseObject(span[position..headerEnd], position, HeaderMaxDepth, $"item {number} header", out var header, out var error))
            {
                return error;
            }
            var type = StringOf(header!["type"]);
            if (string.IsNullOrEmpty(type))
            {
                return new ParseError($"item {number} header has no \"type\"", position);
            }
            var payloadStart = Math.Min(headerEnd + 1, span.Length);
            int payloadEnd;
            int next;
            if (header["length"] is JsonNode lengthNode)
            {
                if (!TryReadLength(lengthNode, out var length))
                {
                    return new ParseError($"item {number} \"length\" must be a non-negative integer", position);
                }
                if (length > span.Length - payloadStart)
                {
                    return new ParseError(
                        $"item {number} declares length {length} but only {span.Length - payloadStart} bytes remain", payloadStart);
                }
                payloadEnd = payloadStart + (int)length;
                if (payloadEnd < span.Length && span[payloadEnd] != (byte)'\n')
                {
                    return new ParseError(
                        $"item {number} declares length {length} but its payload is not followed by a newline", payloadEnd);
                }
                next = payloadEnd + 1;
            }
            else
            {
                payloadEnd = LineEnd(span, payloadStart);
                next = payloadEnd + 1;
            }
            items.Add(new EnvelopeItem(type, header, body[payloadStart..payloadEnd], payloadStart));
            position = next;
        }
        return null;
    }

    private static bool TryReadLength(JsonNode node, out long length)
    {
        length = 0;
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }
        return value.TryGetValue(out length) && length >= 0 && length <= int.MaxValue;
    }

    private static int LineEnd(ReadOnlySpan<byte> span, int from)
    {
        if (from >= span.Length)
        {
            return span.Length;
        }
        var i = span[from..].IndexOf((byte)'\n');
        return i < 0 ? span.Length : from + i;
    }

    private static string? StringOf(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
