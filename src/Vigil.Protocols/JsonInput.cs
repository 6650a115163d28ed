using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Vigil.Protocols;

/// <summary>
/// Parses untrusted UTF-8 JSON into a <see cref="JsonObject"/> without letting an exception escape.
/// The happy path is a single <see cref="JsonNode.Parse(ReadOnlySpan{byte}, JsonNodeOptions?, JsonDocumentOptions)"/>;
/// only when that fails do we rescan with <see cref="Utf8JsonReader"/> to say what went wrong and where,
/// so bad input costs extra and good input does not.
/// </summary>
internal static class JsonInput
{
    /// <summary>Parses into a (pooled) document whose root is an object; the caller disposes it.</summary>
    public static bool TryParseDocument(
        ReadOnlyMemory<byte> memory, int maxDepth, string what, out JsonDocument? result, out ParseError? error)
    {
        var utf8 = memory.Span;
        result = null;
        error = null;
        // JsonDocument keeps strings undecoded, so invalid UTF-8 inside a string would only throw
        // later, far from here. A vectorised validity check up front keeps the failure at the edge.
        if (!Utf8.IsValid(utf8))
        {
            error = new ParseError($"{what} is not valid UTF-8", FirstInvalidUtf8(utf8));
            return false;
        }
        JsonDocument document;
        try
        {
            // A repeated property name is refused (as Relay's strict parsing does): stored events are
            // read back as JSON objects, where a repeated name would fail far from the sender.
            document = JsonDocument.Parse(memory, new JsonDocumentOptions { MaxDepth = maxDepth, AllowDuplicateProperties = false });
        }
        catch (JsonException failure)
        {
            error = failure.Message.Contains("uplicate", StringComparison.Ordinal)
                ? new ParseError($"{what} repeats a property name at {failure.Path ?? "$"}", failure.BytePositionInLine ?? 0)
                : Diagnose(utf8, 0, maxDepth, what);
            return false;
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            var kind = document.RootElement.ValueKind.ToString().ToLowerInvariant();
            document.Dispose();
            error = new ParseError($"{what} must be a JSON object, not {kind}", 0);
            return false;
        }
        result = document;
        return true;
    }

    public static bool TryParseObject(
        ReadOnlySpan<byte> utf8, long baseOffset, int maxDepth, string what,
        out JsonObject? result, out ParseError? error)
    {
        result = null;
        error = null;
        // JsonNode materialises strings lazily, so invalid UTF-8 inside a string would only throw
        // later, far from here. A vectorised validity check up front keeps the failure at the edge.
        if (!Utf8.IsValid(utf8))
        {
            error = new ParseError($"{what} is not valid UTF-8", baseOffset + FirstInvalidUtf8(utf8));
            return false;
        }
        JsonNode? node;
        try
        {
            var options = new JsonDocumentOptions { MaxDepth = maxDepth };
            node = JsonNode.Parse(utf8, nodeOptions: null, documentOptions: options);
        }
        catch (JsonException)
        {
            error = Diagnose(utf8, baseOffset, maxDepth, what);
            return false;
        }
        if (node is not JsonObject obj)
        {
            var kind = node is null ? "null" : node.GetValueKind().ToString().ToLowerInvariant();
            error = new ParseError($"{what} must be a JSON object, not {kind}", baseOffset);
            return false;
        }
        result = obj;
        return true;
    }

    private static long FirstInvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        var offset = 0;
        while (offset < utf8.Length)
        {
            var status = Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }
            offset += consumed;
        }
        return ParseError.UnknownPosition;
    }

    /// <summary>Error path only: find the first problem, telling deep nesting apart from bad syntax.</summary>
    private static ParseError Diagnose(ReadOnlySpan<byte> utf8, long baseOffset, int maxDepth, string what)
    {
        // Let the reader go deeper than the limit so that we, not it, notice the nesting problem.
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth + 8 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray
                    && reader.CurrentDepth >= maxDepth)
                {
                    return new ParseError(
                        $"{what}: JSON nested deeper than {maxDepth} levels", baseOffset + reader.TokenStartIndex);
                }
            }
            if (reader.BytesConsumed == 0)
            {
                return new ParseError($"{what} is empty", baseOffset);
            }
            return new ParseError($"{what} is not valid JSON", baseOffset + reader.BytesConsumed);
        }
        catch (JsonException ex)
        {
            var position = OffsetOf(utf8, ex.LineNumber ?? 0, ex.BytePositionInLine ?? 0);
            return new ParseError($"{what} is not valid JSON: {FirstSentence(ex.Message)}", baseOffset + position);
        }
    }

    private static long OffsetOf(ReadOnlySpan<byte> utf8, long line, long column)
    {
        var offset = 0;
        for (var l = 0L; l < line; l++)
        {
            var next = utf8[offset..].IndexOf((byte)'\n');
            if (next < 0)
            {
                break;
            }
            offset += next + 1;
        }
        return offset + column;
    }

    // The reader's messages end with "LineNumber: x | BytePositionInLine: y."; we report a byte offset instead.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd(' ', '.');
    }
}
