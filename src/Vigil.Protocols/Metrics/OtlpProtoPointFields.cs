using System.Text.Json.Nodes;
using Vigil.Protocols.Otlp;

namespace Vigil.Protocols.Metrics;

/// <summary>
/// The fields of metrics.proto's four data point messages, read into an <see cref="OtlpPointDraft"/>.
/// Field numbers differ per message (attributes are 7 on NumberDataPoint and SummaryDataPoint, 9 on
/// HistogramDataPoint, 1 on ExponentialHistogramDataPoint); exemplars are skipped. Repeated scalars
/// are accepted packed (what proto3 writers send) and unpacked (what the spec says parsers must take).
/// </summary>
internal static class OtlpProtoPointFields
{
    public static bool TryRead(OtlpMetricType type, ref ProtoReader reader, OtlpPointDraft draft)
    {
        var attributesField = type switch
        {
            OtlpMetricType.Histogram => 9,
            OtlpMetricType.ExponentialHistogram => 1,
            _ => 7,
        };
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var field, out var wire))
            {
                return false;
            }
            bool ok;
            if (field == attributesField)
            {
                ok = reader.Expect(wire, ProtoReader.Len, field) && TryReadAttribute(ref reader, draft);
            }
            else if (field is 2 or 3)
            {
                ulong time = 0;
                ok = reader.Expect(wire, ProtoReader.Fixed64, field) && reader.TryReadFixed64(out time);
                if (ok)
                {
                    if (field == 2) draft.StartTimeUnixNano = time; else draft.TimeUnixNano = time;
                }
            }
            else
            {
                ok = type switch
                {
                    OtlpMetricType.Gauge or OtlpMetricType.Sum => TryReadNumberField(ref reader, field, wire, draft),
                    OtlpMetricType.Histogram => TryReadHistogramField(ref reader, field, wire, draft),
                    OtlpMetricType.ExponentialHistogram => TryReadExponentialField(ref reader, field, wire, draft),
                    _ => TryReadSummaryField(ref reader, field, wire, draft),
                };
            }
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    private static bool TryReadAttribute(ref ProtoReader reader, OtlpPointDraft draft)
    {
        var attribute = new JsonObject();
        if (!reader.TryReadBytes(out var kv, out var at) || !OtlpProtoValues.TryReadKeyValue(kv, at, attribute, 0, ref reader))
        {
            return false;
        }
        OtlpAttributeText.AddTo(attribute, draft.Attributes);
        return true;
    }

    private static bool TryReadNumberField(ref ProtoReader reader, int field, int wire, OtlpPointDraft draft)
    {
        switch (field)
        {
            case 4:
                if (!reader.Expect(wire, ProtoReader.Fixed64, field) || !reader.TryReadFixed64(out var bits)) return false;
                draft.Value = BitConverter.UInt64BitsToDouble(bits);
                return true;
            case 6:
                if (!reader.Expect(wire, ProtoReader.Fixed64, field) || !reader.TryReadFixed64(out var raw)) return false;
                draft.Value = (long)raw; // sfixed64: two's complement in eight little-endian bytes
                return true;
            case 8:
                return TryReadFlags(ref reader, field, wire, draft);
            default:
                return reader.TrySkip(wire);
        }
    }

    private static bool TryReadHistogramField(ref ProtoReader reader, int field, int wire, OtlpPointDraft draft)
    {
        switch (field)
        {
            case 4:
                if (!reader.Expect(wire, ProtoReader.Fixed64, field) || !reader.TryReadFixed64(out var count)) return false;
                draft.Count = count;
                return true;
            case 5 or 11 or 12:
                if (!TryReadDouble(ref reader, field, wire, out var value)) return false;
                if (field == 5) draft.Sum = value; else if (field == 11) draft.Min = value; else draft.Max = value;
                return true;
            case 6:
                return TryReadRepeatedFixed64(ref reader, field, wire, draft.BucketCounts);
            case 7:
                var bounds = new List<ulong>();
                if (!TryReadRepeatedFixed64(ref reader, field, wire, bounds)) return false;
                draft.Bounds.AddRange(bounds.Select(BitConverter.UInt64BitsToDouble));
                return true;
            case 10:
                return TryReadFlags(ref reader, field, wire, draft);
            default:
                return reader.TrySkip(wire);
        }
    }

    private static bool TryReadExponentialField(ref ProtoReader reader, int field, int wire, OtlpPointDraft draft)
    {
        switch (field)
        {
            case 4 or 7:
                if (!reader.Expect(wire, ProtoReader.Fixed64, field) || !reader.TryReadFixed64(out var count)) return false;
                if (field == 4) draft.Count = count; else draft.ZeroCount = count;
                return true;
            case 5 or 12 or 13:
                if (!TryReadDouble(ref reader, field, wire, out var value)) return false;
                if (field == 5) draft.Sum = value; else if (field == 12) draft.Min = value; else draft.Max = value;
                return true;
            case 6:
                if (!reader.Expect(wire, ProtoReader.Varint, field) || !reader.TryReadVarint(out var scale)) return false;
                draft.Scale = ZigZag(scale);
                return true;
            case 8 or 9:
                if (!reader.Expect(wire, ProtoReader.Len, field) || !reader.TryReadBytes(out var buckets, out var at)) return false;
                var inner = new ProtoReader(buckets, at);
                var counts = field == 8 ? draft.PositiveCounts : draft.NegativeCounts;
                if (!TryReadBuckets(ref inner, out var offset, counts)) return reader.Fail(inner.Error!, inner.ErrorOffset);
                if (field == 8) draft.PositiveOffset = offset; else draft.NegativeOffset = offset;
                return true;
            case 10:
                return TryReadFlags(ref reader, field, wire, draft);
            default:
                return reader.TrySkip(wire);
        }
    }

    private static bool TryReadSummaryField(ref ProtoReader reader, int field, int wire, OtlpPointDraft draft)
    {
        switch (field)
        {
            case 4:
                if (!reader.Expect(wire, ProtoReader.Fixed64, field) || !reader.TryReadFixed64(out var count)) return false;
                draft.Count = count;
                return true;
            case 5:
                if (!TryReadDouble(ref reader, field, wire, out var sum)) return false;
                draft.Sum = sum;
                return true;
            case 6:
                if (!reader.Expect(wire, ProtoReader.Len, field) || !reader.TryReadBytes(out var pair, out var at)) return false;
                var inner = new ProtoReader(pair, at);
                double quantile = 0, value = 0;
                while (!inner.AtEnd)
                {
                    if (!inner.TryReadTag(out var f, out var w)) return reader.Fail(inner.Error!, inner.ErrorOffset);
                    var ok = f switch
                    {
                        1 => TryReadDouble(ref inner, f, w, out quantile),
                        2 => TryReadDouble(ref inner, f, w, out value),
                        _ => inner.TrySkip(w),
                    };
                    if (!ok) return reader.Fail(inner.Error!, inner.ErrorOffset);
                }
                draft.Quantiles.Add((quantile, value));
                return true;
            case 8:
                return TryReadFlags(ref reader, field, wire, draft);
            default:
                return reader.TrySkip(wire);
        }
    }

    private static bool TryReadBuckets(ref ProtoReader reader, out int offset, List<ulong> counts)
    {
        offset = 0;
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var field, out var wire)) return false;
            switch (field)
            {
                case 1:
                    if (!reader.Expect(wire, ProtoReader.Varint, field) || !reader.TryReadVarint(out var raw)) return false;
                    offset = ZigZag(raw);
                    break;
                case 2 when wire == ProtoReader.Len:
                    if (!reader.TryReadBytes(out var packed, out var at)) return false;
                    var inner = new ProtoReader(packed, at);
                    while (!inner.AtEnd)
                    {
                        if (!inner.TryReadVarint(out var count)) return reader.Fail(inner.Error!, inner.ErrorOffset);
                        counts.Add(count);
                    }
                    break;
                case 2:
                    if (!reader.Expect(wire, ProtoReader.Varint, field) || !reader.TryReadVarint(out var single)) return false;
                    counts.Add(single);
                    break;
                default:
                    if (!reader.TrySkip(wire)) return false;
                    break;
            }
        }
        return true;
    }

    private static bool TryReadRepeatedFixed64(ref ProtoReader reader, int field, int wire, List<ulong> target)
    {
        if (wire == ProtoReader.Fixed64)
        {
            if (!reader.TryReadFixed64(out var single)) return false;
            target.Add(single);
            return true;
        }
        if (!reader.Expect(wire, ProtoReader.Len, field) || !reader.TryReadBytes(out var packed, out var at)) return false;
        if (packed.Length % 8 != 0)
        {
            return reader.Fail($"packed field {field} is {packed.Length} bytes, not a multiple of 8", at);
        }
        for (var i = 0; i < packed.Length; i += 8)
        {
            target.Add(System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(packed[i..]));
        }
        return true;
    }

    private static bool TryReadDouble(ref ProtoReader reader, int field, int wire, out double value)
    {
        value = 0;
        if (!reader.Expect(wire, ProtoReader.Fixed64, field) || !reader.TryReadFixed64(out var bits)) return false;
        value = BitConverter.UInt64BitsToDouble(bits);
        return true;
    }

    private static bool TryReadFlags(ref ProtoReader reader, int field, int wire, OtlpPointDraft draft)
    {
        if (!reader.Expect(wire, ProtoReader.Varint, field) || !reader.TryReadVarint(out var flags)) return false;
        draft.Flags = (uint)flags;
        return true;
    }

    private static int ZigZag(ulong raw) => (int)(uint)(raw >> 1) ^ -(int)(raw & 1);
}
