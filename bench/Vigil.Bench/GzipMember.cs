using System.IO.Compression;

namespace Vigil.Bench;

/// <summary>Gzip members that concatenate into one valid gzip body (RFC 1952 §2.2). The static parts
/// of an envelope are compressed once; the per-send event id goes in a tiny stored member, so the
/// generator pays microseconds per send instead of a full compression and keeps the cores for the server.</summary>
internal static class GzipMember
{
    private static readonly uint[] CrcTable = BuildTable();

    public static byte[] Compress(ReadOnlySpan<byte> data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(data);
        return output.ToArray();
    }

    /// <summary>Writes <paramref name="data"/> (under 64 KB) as one uncompressed gzip member.</summary>
    public static int WriteStored(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        ReadOnlySpan<byte> header = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
        header.CopyTo(destination);
        var at = header.Length;
        destination[at++] = 1; // BFINAL=1, BTYPE=00 (stored)
        var length = (ushort)data.Length;
        WriteUInt16(destination, ref at, length);
        WriteUInt16(destination, ref at, (ushort)~length);
        data.CopyTo(destination[at..]);
        at += data.Length;
        WriteUInt32(destination, ref at, Crc32(data));
        WriteUInt32(destination, ref at, (uint)data.Length);
        return at;
    }

    public static int StoredSize(int dataLength) => 10 + 5 + dataLength + 8;

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }

    private static void WriteUInt16(Span<byte> destination, ref int at, ushort value)
    {
        destination[at++] = (byte)value;
        destination[at++] = (byte)(value >> 8);
    }

    private static void WriteUInt32(Span<byte> destination, ref int at, uint value)
    {
        for (var i = 0; i < 4; i++)
            destination[at++] = (byte)(value >> (8 * i));
    }
}
