using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Vigil.Protocols.Logs;

/// <summary>
/// ExportLogsServiceResponse bodies, so the edge can answer in the request's content type.
/// An empty response means everything was accepted; partial_success{rejected_log_records = 1,
/// error_message = 2} tells the exporter what was dropped (it does not retry those).
/// </summary>
public static class OtlpResponses
{
    public static byte[] ExportLogsPartialSuccessProtobuf(long rejected, string? message)
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
        if (!string.IsNullOrEmpty(message))
        {
            var text = Encoding.UTF8.GetBytes(message);
            WriteVarint(inner, 2 << 3 | 2);
            WriteVarint(inner, (ulong)text.Length);
            inner.Write(text);
        }
        var outer = new ArrayBufferWriter<byte>(inner.WrittenCount + 6);
        WriteVarint(outer, 1 << 3 | 2);
        WriteVarint(outer, (ulong)inner.WrittenCount);
        outer.Write(inner.WrittenSpan);
        return outer.WrittenSpan.ToArray();
    }

    /// <summary>The JSON mapping: int64 as a decimal string, lowerCamelCase keys.</summary>
    public static byte[] ExportLogsPartialSuccessJson(long rejected, string? message)
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
                    json.WriteString("rejectedLogRecords", rejected.ToString(System.Globalization.CultureInfo.InvariantCulture));
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
