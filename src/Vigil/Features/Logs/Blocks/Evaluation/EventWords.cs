using System.Globalization;
using System.Text.Json;

namespace Vigil.Features.Logs.Blocks.Evaluation;

/// <summary>
/// The words of an event's searchable text, streamed without building strings: message, exception,
/// service, host, request id, environment, event name, then every property value. Word boundaries
/// and the order of values are exactly <see cref="LogTokens"/>' (LogTokens.Each and EachInValue);
/// words come in their original case and a sink compares them with <see cref="LowerCase"/>, which
/// lowers as LogTokens does.
/// </summary>
internal static class EventWords
{
    private const int BufferLength = 256;

    /// <returns>true when the sink stopped the scan</returns>
    public static bool Scan<TSink>(StoredLogEvent ev, ref TSink sink) where TSink : struct, IWordSink
    {
        if (Scan(ev.Message, ref sink) || Scan(ev.Exception, ref sink) || Scan(ev.Service, ref sink) || Scan(ev.Host, ref sink)
            || Scan(ev.RequestId, ref sink) || Scan(ev.Environment, ref sink) || Scan(ev.EventName, ref sink))
            return true;
        if (ev.Properties.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            return false;
        Span<char> buffer = stackalloc char[BufferLength];
        return ScanValue(ev.Properties, buffer, ref sink);
    }

    /// <summary>Words are maximal runs of letters, digits and surrogates (LogTokens' rule).</summary>
    public static bool Scan<TSink>(ReadOnlySpan<char> text, ref TSink sink) where TSink : struct, IWordSink
    {
        var position = 0;
        while (LogTokens.NextWord(text, ref position, out var word))
        {
            if (sink.Take(text[word]))
                return true;
        }
        return false;
    }

    private static bool ScanValue<TSink>(JsonElement element, Span<char> buffer, ref TSink sink) where TSink : struct, IWordSink
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (ScanValue(property.Value, buffer, ref sink))
                        return true;
                }
                return false;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (ScanValue(item, buffer, ref sink))
                        return true;
                }
                return false;
            case JsonValueKind.String:
                return Scan(JsonText.Of(element, buffer), ref sink);
            case JsonValueKind.Number:
                // Both spellings, as LogTokens.EachInValue: the JSON text, then the shortest round-trip form.
                if (Scan(JsonText.Of(element, buffer), ref sink))
                    return true;
                Span<char> shortest = stackalloc char[32];
                return element.TryGetDouble(out var number)
                    && number.TryFormat(shortest, out var written, "R", CultureInfo.InvariantCulture)
                    && Scan(shortest[..written], ref sink);
            case JsonValueKind.True:
                return sink.Take("true");
            case JsonValueKind.False:
                return sink.Take("false");
            default:
                return false;
        }
    }
}
