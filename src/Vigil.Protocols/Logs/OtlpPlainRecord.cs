using System.Text.Unicode;
using Vigil.Protocols.Otlp;

namespace Vigil.Protocols.Logs;

/// <summary>
/// Reads a plain LogRecord straight into an <see cref="OtlpLogView"/>, mapping it exactly as
/// <see cref="OtlpRecordMapper"/> does but without a string or a node per value. Plain means what
/// most exporters send: a severity number, a string body or none, scalar attributes with distinct
/// valid UTF-8 keys, a template that needs no rendering (the body is already the rendered message,
/// or there is no placeholder), no exception attributes, and well-known attributes only as strings.
/// Anything else (and anything malformed) answers false, and the record takes the general path,
/// which owns every rule and every error message; the tests hold the two paths to the same output.
/// </summary>
internal sealed class OtlpPlainRecord
{
    private static ReadOnlySpan<byte> OriginalFormat => "{OriginalFormat}"u8;
    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;
    private static readonly System.Buffers.SearchValues<byte> HexText = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF"u8);

    private OtlpAttribute[] _attributes = new OtlpAttribute[16];
    private readonly byte[] _traceHex = new byte[32];
    private readonly byte[] _spanHex = new byte[16];

    public bool TryRead(ReadOnlySpan<byte> request, int start, int length, OtlpResourceContext context, DateTimeOffset receivedAt, IOtlpLogSink sink)
    {
        var reader = new ProtoReader(request.Slice(start, length), start);
        ulong time = 0, observed = 0, severity = 0;
        Range body = default, eventName = default, traceBytes = default, spanBytes = default;
        var hasBody = false;
        var count = 0;
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var field, out var wire))
                return false;
            switch (field)
            {
                case 1 or 11:
                    if (wire != ProtoReader.Fixed64 || !reader.TryReadFixed64(out var nanos)) return false;
                    if (field == 1) time = nanos; else observed = nanos;
                    break;
                case 2:
                    if (wire != ProtoReader.Varint || !reader.TryReadVarint(out severity)) return false;
                    break;
                case 5:
                    if (wire != ProtoReader.Len || !reader.TryReadBytes(out var value, out var at) || !TryReadString(value, (int)at, out body, out hasBody)) return false;
                    break;
                case 6:
                    if (wire != ProtoReader.Len || !reader.TryReadBytes(out var pair, out var pairAt)) return false;
                    if (count == _attributes.Length)
                        Array.Resize(ref _attributes, count * 2);
                    if (!TryReadAttribute(pair, (int)pairAt, out _attributes[count])) return false;
                    count++;
                    break;
                case 3 or 9 or 10 or 12: // severity_text is only read when there is no severity number
                    if (wire != ProtoReader.Len || !reader.TryReadBytes(out var bytes, out var bytesAt)) return false;
                    var range = new Range((int)bytesAt, (int)bytesAt + bytes.Length);
                    if (field == 9) traceBytes = range;
                    else if (field == 10) spanBytes = range;
                    else if (field == 12 && !Utf8.IsValid(bytes)) return false;
                    else if (field == 12) eventName = range;
                    break;
                default:
                    if (!reader.TrySkip(wire)) return false;
                    break;
            }
        }
        // Without a severity number the level comes from the text, which the general path reads.
        if (severity == 0)
            return false;
        var attributes = _attributes.AsSpan(0, count);
        if (HasRepeatedKey(request, attributes))
            return false;
        var traceId = Hex(request[traceBytes], 16, _traceHex);
        var spanId = Hex(request[spanBytes], 8, _spanHex);
        Range template = default, service = default, host = default, requestId = default, environment = default;
        var hasTemplate = false;
        var kept = 0;
        for (var i = 0; i < attributes.Length; i++)
        {
            var attribute = attributes[i];
            var key = request.Slice(attribute.KeyStart, attribute.KeyLength);
            if (key.SequenceEqual(OriginalFormat))
            {
                if (attribute.Kind != OtlpValueKind.String || attribute.ValueLength == 0) return false;
                template = ValueRange(attribute);
                hasTemplate = true;
                continue;
            }
            if (key.StartsWith("exception."u8) || key.SequenceEqual("resource"u8) || key.SequenceEqual("scope"u8))
                return false;
            if (WellKnownProperties.IsWellKnown(key, out var wellKnown))
            {
                if (attribute.Kind != OtlpValueKind.String || wellKnown == WellKnownProperties.Field.ProcessId)
                    return false;
                var text = request.Slice(attribute.ValueStart, attribute.ValueLength);
                if (wellKnown switch
                    {
                        WellKnownProperties.Field.TraceId => traceId.IsEmpty && TryHex(text, _traceHex, out traceId),
                        WellKnownProperties.Field.SpanId => spanId.IsEmpty && TryHex(text, _spanHex, out spanId),
                        WellKnownProperties.Field.Service => TryTake(text, attribute, ref service),
                        WellKnownProperties.Field.Host => TryTake(text, attribute, ref host),
                        WellKnownProperties.Field.RequestId => TryTake(text, attribute, ref requestId),
                        _ => TryTake(text, attribute, ref environment),
                    })
                    continue;
            }
            attributes[kept++] = attribute;
        }
        var bodyText = hasBody ? request[body] : default;
        var templateText = hasTemplate ? request[template] : default;
        if (hasTemplate ? !hasBody || bodyText.SequenceEqual(templateText) : bodyText.Contains((byte)'{'))
            return false; // the message must be rendered from the template
        var timestamp = time != 0 ? LogTimestamps.FromUnixNanos(time) : observed != 0 ? LogTimestamps.FromUnixNanos(observed) : receivedAt;
        sink.Add(new OtlpLogView
        {
            Request = request,
            TimestampMs = timestamp.ToUnixTimeMilliseconds(),
            Level = LogLevels.FromOtlpSeverity((int)Math.Min(severity, int.MaxValue)),
            Message = bodyText,
            Template = templateText,
            TemplateHash = LogTemplateHash.Compute(hasTemplate ? templateText : bodyText),
            Service = service.End.Value > 0 ? request[service] : context.Utf8.Service,
            Host = host.End.Value > 0 ? request[host] : context.Utf8.Host,
            ProcessId = context.Promoted.ProcessId,
            TraceId = traceId,
            SpanId = spanId,
            RequestId = requestId.End.Value > 0 ? request[requestId] : default,
            Environment = environment.End.Value > 0 ? request[environment] : context.Utf8.Environment,
            EventName = request[eventName],
            Properties = attributes[..kept],
            Resource = context.Remaining.Count > 0 ? context.Remaining : null,
            Scope = context.ScopeName,
        });
        return true;
    }

    private static Range ValueRange(in OtlpAttribute attribute) => new(attribute.ValueStart, attribute.ValueStart + attribute.ValueLength);

    /// <summary>A repeated key keeps its first place but its last value in the general path; such records go there.</summary>
    private static bool HasRepeatedKey(ReadOnlySpan<byte> request, ReadOnlySpan<OtlpAttribute> attributes)
    {
        for (var i = 1; i < attributes.Length; i++)
        {
            var key = request.Slice(attributes[i].KeyStart, attributes[i].KeyLength);
            for (var j = 0; j < i; j++)
            {
                if (attributes[j].KeyLength == key.Length && key.SequenceEqual(request.Slice(attributes[j].KeyStart, attributes[j].KeyLength)))
                    return true;
            }
        }
        return false;
    }

    /// <summary>A promoted text field: the first non-empty value wins; the others stay properties.</summary>
    private static bool TryTake(ReadOnlySpan<byte> text, in OtlpAttribute attribute, ref Range field)
    {
        if (text.IsEmpty || field.End.Value > 0)
            return false;
        field = ValueRange(attribute);
        return true;
    }

    /// <summary>An AnyValue that is a string (or empty); any other kind answers false.</summary>
    private static bool TryReadString(ReadOnlySpan<byte> value, int offset, out Range text, out bool present)
    {
        text = default;
        present = false;
        var reader = new ProtoReader(value, offset);
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var field, out var wire) || field != 1 || wire != ProtoReader.Len
                || !reader.TryReadBytes(out var bytes, out var at) || !Utf8.IsValid(bytes))
                return false;
            text = new Range((int)at, (int)at + bytes.Length);
            present = true;
        }
        return true;
    }

    private static bool TryReadAttribute(ReadOnlySpan<byte> pair, int offset, out OtlpAttribute attribute)
    {
        attribute = default;
        var reader = new ProtoReader(pair, offset);
        int keyStart = 0, keyLength = 0;
        var hasValue = false;
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var field, out var wire))
                return false;
            if (field == 1)
            {
                if (wire != ProtoReader.Len || !reader.TryReadBytes(out var key, out var at) || !Utf8.IsValid(key)) return false;
                (keyStart, keyLength) = ((int)at, key.Length);
            }
            else if (field == 2)
            {
                if (wire != ProtoReader.Len || !reader.TryReadBytes(out var value, out var at) || !TryReadScalar(value, (int)at, ref attribute)) return false;
                hasValue = true;
            }
            else if (!reader.TrySkip(wire))
            {
                return false;
            }
        }
        attribute = attribute with { KeyStart = keyStart, KeyLength = keyLength };
        return hasValue;
    }

    /// <summary>A string, bool, int or finite double AnyValue; the last of its fields wins, as in the general path.</summary>
    private static bool TryReadScalar(ReadOnlySpan<byte> value, int offset, ref OtlpAttribute attribute)
    {
        var reader = new ProtoReader(value, offset);
        var found = false;
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var field, out var wire))
                return false;
            switch (field)
            {
                case 1:
                    if (wire != ProtoReader.Len || !reader.TryReadBytes(out var text, out var at) || !Utf8.IsValid(text)) return false;
                    attribute = attribute with { Kind = OtlpValueKind.String, ValueStart = (int)at, ValueLength = text.Length };
                    break;
                case 2 or 3:
                    if (wire != ProtoReader.Varint || !reader.TryReadVarint(out var number)) return false;
                    attribute = attribute with { Kind = field == 2 ? OtlpValueKind.Bool : OtlpValueKind.Int, Integer = field == 2 ? (number != 0 ? 1 : 0) : (long)number };
                    break;
                case 4:
                    if (wire != ProtoReader.Fixed64 || !reader.TryReadFixed64(out var bits)) return false;
                    var real = BitConverter.UInt64BitsToDouble(bits);
                    if (!double.IsFinite(real)) return false;
                    attribute = attribute with { Kind = OtlpValueKind.Double, Number = real };
                    break;
                default:
                    return false;
            }
            found = true;
        }
        return found;
    }

    /// <summary>Raw id bytes as lower-case hex (see <see cref="HexIds.FromBytes"/>): empty when the length is wrong or the id is all zeros.</summary>
    private static ReadOnlySpan<byte> Hex(ReadOnlySpan<byte> id, int length, byte[] target)
    {
        if (id.Length != length || !id.ContainsAnyExcept((byte)0))
            return default;
        for (var i = 0; i < id.Length; i++)
        {
            target[2 * i] = HexDigits[id[i] >> 4];
            target[2 * i + 1] = HexDigits[id[i] & 0xF];
        }
        return target;
    }

    /// <summary>A hex id sent as text (see <see cref="HexIds.TryNormalize"/>): the right length, hex digits, not all zeros; lower-cased.</summary>
    private static bool TryHex(ReadOnlySpan<byte> text, byte[] target, out ReadOnlySpan<byte> hex)
    {
        hex = default;
        if (text.Length != target.Length || text.ContainsAnyExcept(HexText) || !text.ContainsAnyExcept((byte)'0'))
            return false;
        for (var i = 0; i < text.Length; i++)
            target[i] = (byte)(text[i] | (text[i] >= 'A' ? 0x20 : 0));
        hex = target;
        return true;
    }
}
