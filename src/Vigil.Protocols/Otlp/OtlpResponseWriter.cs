using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Vigil.Protocols.Otlp;

/// <summary>
/// The response bodies OTLP/HTTP receivers send, in both encodings. Every Export*ServiceResponse
/// has the same shape — partial_success = 1 {rejected_&lt;items&gt; = 1, error_message = 2} — and only
/// the JSON key of the rejected count differs per signal. Errors are google.rpc.Status
/// {code = 1, message = 2}.
/// </summary>
internal static class OtlpResponseWriter
{
    /// <summary>An empty body when nothing was rejected: that is how OTLP says "all accepted".</summary>
    public static byte[] PartialSuccessProtobuf(long rejected, string? message)
    {
        if (rejected == 0 && string.IsNullOrEmpty(message))
        {
            return [];
        }
        var inner = new ArrayBufferWriter<byte>();
        if (rejected != 0)
        {
            WriteVarint(inner, 1 << 3 | 0);
            WriteVarint(inner, (ulong)rejected);
        }
        WriteString(inner, 2, message);
        var outer = new ArrayBufferWriter<byte>(inner.WrittenCount + 6);
        WriteVarint(outer, 1 << 3 | 2);
        WriteVarint(outer, (ulong)inner.WrittenCount);
        outer.Write(inner.WrittenSpan);
        return outer.WrittenSpan.ToArray();
    }

    /// <summary>The JSON mapping: int64 as a decimal string, lowerCamelCase keys.</summary>
    public static byte[] PartialSuccessJson(string rejectedKey, long rejected, string? message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (rejected != 0 || !string.IsNullOrEmpty(message))
            {
                json.WriteStartObject("partialSuccess");
                if (rejected != 0)
                {
                    json.WriteString(rejectedKey, rejected.ToString(CultureInfo.InvariantCulture));
                }
                if (!string.IsNullOrEmpty(message))
                {
                    json.WriteString("errorMessage", message);
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] StatusProtobuf(int code, string message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        WriteVarint(buffer, 1 << 3 | 0);
        WriteVarint(buffer, (ulong)code);
        WriteString(buffer, 2, message);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>google.rpc.Status in JSON, with <c>detail</c> too: the key every other Vigil error body uses.</summary>
    public static byte[] StatusJson(int code, string message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("code", code);
            json.WriteString("message", message);
            json.WriteString("detail", message);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteString(ArrayBufferWriter<byte> output, int field, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(text);
        WriteVarint(output, (ulong)(field << 3 | 2));
        WriteVarint(output, (ulong)bytes.Length);
        output.Write(bytes);
    }

    private static void WriteVarint(ArrayBufferWriter<byte> output, ulong value)
    {
        var span = output.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[i++] = (byte)value;
        output.Advance(i);
    }
}
