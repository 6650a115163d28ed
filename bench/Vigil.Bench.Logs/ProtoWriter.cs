using System.Buffers.Binary;
using System.Text;

namespace Vigil.Bench.Logs;

/// <summary>A minimal protobuf wire-format writer: varints, fixed64, length-delimited fields.
/// Nested messages are written into a child writer first and copied in with their length, which
/// is all five OTLP message types need.</summary>
public sealed class ProtoWriter
{
    private byte[] _buffer = new byte[512];
    private int _length;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public void Reset() => _length = 0;

    public byte[] ToArray() => Written.ToArray();

    public void VarintField(int field, ulong value)
    {
        Tag(field, 0);
        Varint(value);
    }

    public void Fixed64Field(int field, ulong value)
    {
        Tag(field, 1);
        Ensure(8);
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    public void DoubleField(int field, double value) => Fixed64Field(field, BitConverter.DoubleToUInt64Bits(value));

    public void StringField(int field, string value)
    {
        Tag(field, 2);
        var count = Encoding.UTF8.GetByteCount(value);
        Varint((ulong)count);
        Ensure(count);
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    public void BytesField(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, 2);
        Varint((ulong)value.Length);
        Ensure(value.Length);
        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
    }

    public void MessageField(int field, ProtoWriter message) => BytesField(field, message.Written);

    private void Tag(int field, int wireType) => Varint((ulong)(field << 3 | wireType));

    private void Varint(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            _buffer[_length++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _buffer[_length++] = (byte)value;
    }

    private void Ensure(int more)
    {
        if (_length + more > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
    }
}
