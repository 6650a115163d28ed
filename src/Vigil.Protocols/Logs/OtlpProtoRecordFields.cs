using Vigil.Protocols.Otlp;

namespace Vigil.Protocols.Logs;

/// <summary>The fields of one logs.proto LogRecord, read into an <see cref="OtlpRawRecord"/>.</summary>
internal static class OtlpProtoRecordFields
{
    public static bool TryRead(ref ProtoReader reader, OtlpRawRecord raw)
    {
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var field, out var wire) || !TryReadField(ref reader, field, wire, raw))
            {
                return false;
            }
        }
        return true;
    }

    private static bool TryReadField(ref ProtoReader reader, int field, int wire, OtlpRawRecord raw)
    {
        ulong number;
        ReadOnlySpan<byte> bytes;
        long at;
        string text;
        switch (field)
        {
            case 1 or 11: // time_unix_nano, observed_time_unix_nano
                if (!reader.Expect(wire, ProtoReader.Fixed64, field) || !reader.TryReadFixed64(out number)) return false;
                if (field == 1) raw.TimeUnixNano = number; else raw.ObservedTimeUnixNano = number;
                return true;
            case 2: // severity_number
                if (!reader.Expect(wire, ProtoReader.Varint, field) || !reader.TryReadVarint(out number)) return false;
                raw.SeverityNumber = (int)Math.Min(number, int.MaxValue);
                return true;
            case 3 or 12: // severity_text, event_name
                if (!reader.Expect(wire, ProtoReader.Len, field) || !OtlpProtoValues.TryReadString(ref reader, out text)) return false;
                if (field == 3) raw.SeverityText = text; else raw.EventName = text;
                return true;
            case 5: // body
                if (!reader.Expect(wire, ProtoReader.Len, field) || !reader.TryReadBytes(out bytes, out at)) return false;
                if (!OtlpProtoValues.TryReadAnyValue(bytes, at, 0, ref reader, out var body)) return false;
                raw.Body = body;
                return true;
            case 6: // attributes
                return reader.Expect(wire, ProtoReader.Len, field) && reader.TryReadBytes(out bytes, out at)
                    && OtlpProtoValues.TryReadKeyValue(bytes, at, raw.Attributes, 0, ref reader);
            case 9 or 10: // trace_id, span_id
                if (!reader.Expect(wire, ProtoReader.Len, field) || !reader.TryReadBytes(out bytes, out _)) return false;
                if (field == 9) raw.TraceId = HexIds.FromBytes(bytes, 16); else raw.SpanId = HexIds.FromBytes(bytes, 8);
                return true;
            default: // dropped_attributes_count, flags and fields added after this was written
                return reader.TrySkip(wire);
        }
    }
}
