namespace Vigil.Protocols.Otlp;

/// <summary>
/// A protobuf wire-format reader straight over the request bytes. Google.Protobuf's
/// CodedInputStream wants a byte[] or a stream and throws on bad input; OTLP logs need five
/// message types, so a span reader that reports the failing byte offset and never throws is
/// smaller, allocates nothing and needs no package or generated code.
/// </summary>
internal ref struct ProtoReader
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int Len = 2;
    public const int Fixed32 = 5;

    private readonly ReadOnlySpan<byte> _data;
    private readonly long _baseOffset;
    private int _position;

    public ProtoReader(ReadOnlySpan<byte> data, long baseOffset)
    {
        _data = data;
        _baseOffset = baseOffset;
    }

    public readonly bool AtEnd => _position >= _data.Length;

    /// <summary>Absolute offset of the next byte in the original body.</summary>
    public readonly long Offset => _baseOffset + _position;

    public string? Error { get; private set; }

    public long ErrorOffset { get; private set; } = ParseError.UnknownPosition;

    public bool TryReadTag(out int field, out int wireType)
    {
        field = 0;
        wireType = 0;
        var start = Offset;
        if (!TryReadVarint(out var tag))
        {
            return false;
        }
        field = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        if (field <= 0 || tag >> 3 > int.MaxValue)
        {
            return Fail("invalid field number", start);
        }
        return true;
    }

    public bool TryReadVarint(out ulong value)
    {
        value = 0;
        var start = Offset;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length)
            {
                return Fail("truncated varint", start);
            }
            var b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }
        return Fail("varint longer than 10 bytes", start);
    }

    public bool TryReadFixed64(out ulong value)
    {
        value = 0;
        if (_data.Length - _position < 8)
        {
            return Fail("truncated fixed64", Offset);
        }
        value = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(_data[_position..]);
        _position += 8;
        return true;
    }

    public bool TryReadFixed32(out uint value)
    {
        value = 0;
        if (_data.Length - _position < 4)
        {
            return Fail("truncated fixed32", Offset);
        }
        value = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(_data[_position..]);
        _position += 4;
        return true;
    }

    /// <summary>A length-delimited field; <paramref name="offset"/> is where its bytes start in the body.</summary>
    public bool TryReadBytes(out ReadOnlySpan<byte> bytes, out long offset)
    {
        bytes = default;
        offset = Offset;
        if (!TryReadVarint(out var length))
        {
            return false;
        }
        if (length > (ulong)(_data.Length - _position))
        {
            return Fail($"length {length} runs past the end of the message", offset);
        }
        offset = Offset;
        bytes = _data.Slice(_position, (int)length);
        _position += (int)length;
        return true;
    }

    public bool TrySkip(int wireType) => wireType switch
    {
        Varint => TryReadVarint(out _),
        Fixed64 => TryReadFixed64(out _),
        Len => TryReadBytes(out _, out _),
        Fixed32 => TryReadFixed32(out _),
        _ => Fail($"unsupported wire type {wireType}", Offset),
    };

    /// <summary>Checks a known field arrived with the wire type the schema gives it.</summary>
    public bool Expect(int wireType, int expected, int field) =>
        wireType == expected || Fail($"field {field} has wire type {wireType}, expected {expected}", Offset);

    public bool Fail(string message, long offset)
    {
        // The first failure is the cause; later ones are its echoes.
        if (Error is null)
        {
            Error = message;
            ErrorOffset = offset;
        }
        return false;
    }

    public readonly ParseError ToError(string context) =>
        new($"{context}: {Error ?? "invalid protobuf"}", ErrorOffset);
}
