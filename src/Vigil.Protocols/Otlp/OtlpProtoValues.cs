using System.Text;
using System.Text.Json.Nodes;

namespace Vigil.Protocols.Otlp;

/// <summary>
/// Decodes common.proto's KeyValue and AnyValue into JSON nodes: kvlists become objects, arrays
/// arrays, bytes base64 text. Strings that are not valid UTF-8 get U+FFFD rather than costing
/// the record: one mangled byte in an attribute is not worth losing a log line over.
/// </summary>
internal static class OtlpProtoValues
{
    // Deeper nesting than this is not a log attribute; the limit keeps recursion bounded.
    private const int MaxDepth = 32;

    /// <summary>Reads one KeyValue into <paramref name="target"/>; failures are reported on <paramref name="outer"/>.</summary>
    public static bool TryReadKeyValue(ReadOnlySpan<byte> data, long offset, JsonObject target, int depth, ref ProtoReader outer)
    {
        var reader = new ProtoReader(data, offset);
        string? key = null;
        JsonNode? value = null;
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var field, out var wire))
            {
                return outer.Fail(reader.Error!, reader.ErrorOffset);
            }
            var ok = field switch
            {
                1 => reader.Expect(wire, ProtoReader.Len, field) && TryReadKey(ref reader, out key),
                2 => reader.Expect(wire, ProtoReader.Len, field) && reader.TryReadBytes(out var v, out var at)
                     && TryReadAnyValue(v, at, depth + 1, ref reader, out value),
                _ => reader.TrySkip(wire),
            };
            if (!ok)
            {
                return outer.Fail(reader.Error!, reader.ErrorOffset);
            }
        }
        // Keys must be unique; if a sender repeats one, the last value wins instead of failing.
        target[key ?? ""] = value;
        return true;
    }

    public static bool TryReadAnyValue(ReadOnlySpan<byte> data, long offset, int depth, ref ProtoReader outer, out JsonNode? value)
    {
        value = null;
        if (depth > MaxDepth)
        {
            return outer.Fail($"values nested deeper than {MaxDepth} levels", offset);
        }
        var reader = new ProtoReader(data, offset);
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var field, out var wire) || !TryReadOneOf(ref reader, field, wire, depth, ref value))
            {
                return outer.Fail(reader.Error!, reader.ErrorOffset);
            }
        }
        return true;
    }

    private static bool TryReadOneOf(ref ProtoReader reader, int field, int wire, int depth, ref JsonNode? value)
    {
        switch (field)
        {
            case 1:
                if (!reader.Expect(wire, ProtoReader.Len, field) || !TryReadString(ref reader, out var s)) return false;
                value = JsonValue.Create(s);
                return true;
            case 2 or 3:
                if (!reader.Expect(wire, ProtoReader.Varint, field) || !reader.TryReadVarint(out var n)) return false;
                value = field == 2 ? JsonValue.Create(n != 0) : JsonValue.Create((long)n);
                return true;
            case 4:
                if (!reader.Expect(wire, ProtoReader.Fixed64, field) || !reader.TryReadFixed64(out var bits)) return false;
                value = JsonNumbers.FromDouble(BitConverter.UInt64BitsToDouble(bits));
                return true;
            case 5 or 6 or 7:
                if (!reader.Expect(wire, ProtoReader.Len, field) || !reader.TryReadBytes(out var inner, out var at)) return false;
                if (field == 7)
                {
                    value = JsonValue.Create(Convert.ToBase64String(inner));
                    return true;
                }
                return field == 5
                    ? TryReadArray(inner, at, depth, ref reader, out value)
                    : TryReadKvList(inner, at, depth, ref reader, out value);
            default:
                return reader.TrySkip(wire);
        }
    }

    private static bool TryReadArray(ReadOnlySpan<byte> data, long offset, int depth, ref ProtoReader outer, out JsonNode? value)
    {
        var array = new JsonArray();
        value = array;
        var reader = new ProtoReader(data, offset);
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var field, out var wire))
            {
                return outer.Fail(reader.Error!, reader.ErrorOffset);
            }
            if (field != 1)
            {
                if (!reader.TrySkip(wire)) return outer.Fail(reader.Error!, reader.ErrorOffset);
                continue;
            }
            if (!reader.Expect(wire, ProtoReader.Len, field) || !reader.TryReadBytes(out var item, out var at)
                || !TryReadAnyValue(item, at, depth + 1, ref reader, out var element))
            {
                return outer.Fail(reader.Error!, reader.ErrorOffset);
            }
            array.Add(element);
        }
        return true;
    }

    private static bool TryReadKvList(ReadOnlySpan<byte> data, long offset, int depth, ref ProtoReader outer, out JsonNode? value)
    {
        var obj = new JsonObject();
        value = obj;
        return TryReadKeyValues(data, offset, keyValueField: 1, obj, depth + 1, ref outer);
    }

    /// <summary>
    /// Reads the <c>repeated KeyValue</c> at <paramref name="keyValueField"/> of a message
    /// (Resource.attributes, KeyValueList.values) into <paramref name="target"/>.
    /// </summary>
    public static bool TryReadKeyValues(ReadOnlySpan<byte> data, long offset, int keyValueField, JsonObject target, int depth, ref ProtoReader outer)
    {
        var reader = new ProtoReader(data, offset);
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var field, out var wire))
            {
                return outer.Fail(reader.Error!, reader.ErrorOffset);
            }
            var ok = field == keyValueField
                ? reader.Expect(wire, ProtoReader.Len, field) && reader.TryReadBytes(out var kv, out var at)
                  && TryReadKeyValue(kv, at, target, depth, ref reader)
                : reader.TrySkip(wire);
            if (!ok)
            {
                return outer.Fail(reader.Error!, reader.ErrorOffset);
            }
        }
        return true;
    }

    private static bool TryReadKey(ref ProtoReader reader, out string? key)
    {
        key = null;
        if (!reader.TryReadBytes(out var bytes, out _))
        {
            return false;
        }
        key = AttributeKeys.Get(bytes);
        return true;
    }

    public static bool TryReadString(ref ProtoReader reader, out string value)
    {
        value = "";
        if (!reader.TryReadBytes(out var bytes, out _))
        {
            return false;
        }
        value = Encoding.UTF8.GetString(bytes);
        return true;
    }
}
