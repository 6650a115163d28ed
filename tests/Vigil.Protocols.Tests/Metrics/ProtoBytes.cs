using System.Buffers.Binary;
using System.Text;

namespace Vigil.Protocols.Tests.Metrics;

/// <summary>Composes protobuf messages field by field, for bodies the real exporter never sends
/// (a broken point among good ones, a field the schema types differently).</summary>
internal static class ProtoBytes
{
    public static byte[] Message(params byte[][] fields) => fields.SelectMany(f => f).ToArray();

    public static byte[] Len(int field, byte[] content) => [.. Varint((ulong)(field << 3 | 2)), .. Varint((ulong)content.Length), .. content];

    public static byte[] Text(int field, string text) => Len(field, Encoding.UTF8.GetBytes(text));

    public static byte[] Fixed64(int field, ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return [.. Varint((ulong)(field << 3 | 1)), .. bytes];
    }

    public static byte[] Double(int field, double value) => Fixed64(field, BitConverter.DoubleToUInt64Bits(value));

    public static byte[] VarintField(int field, ulong value) => [.. Varint((ulong)(field << 3)), .. Varint(value)];

    public static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }
        bytes.Add((byte)value);
        return [.. bytes];
    }

    /// <summary>ExportMetricsServiceRequest{resource_metrics{scope_metrics{metrics}}}.</summary>
    public static byte[] Request(params byte[][] metrics) =>
        Len(1, Len(2, Message([.. metrics.Select(m => Len(2, m))])));
}
