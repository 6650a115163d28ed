using System.Text;

namespace Vigil.Features.Logs.Blocks;

/// <summary>
/// A block's word filter: a Bloom filter over the lower-cased words of its events (see
/// <see cref="LogTokens"/>), ten bits per distinct word and seven probes, so a word the block
/// lacks is ruled out about 99% of the time and a word it has never is. Stored as one byte of
/// probe count followed by the bit array (whole 64-bit words, little-endian).
/// </summary>
public static class BlockFilter
{
    private const int BitsPerWord = 10;
    private const int Probes = 7;

    public static byte[] Build(IReadOnlyCollection<string> words)
    {
        var bits = Math.Max(64, (words.Count * BitsPerWord + 63) / 64 * 64);
        var filter = new byte[1 + bits / 8];
        filter[0] = Probes;
        var array = filter.AsSpan(1);
        foreach (var word in words)
        {
            var (h1, h2) = Hash(word);
            for (var i = 0; i < Probes; i++)
            {
                var bit = (h1 + (ulong)i * h2) % (ulong)bits;
                array[(int)(bit >> 3)] |= (byte)(1 << (int)(bit & 7));
            }
        }
        return filter;
    }

    /// <summary>False only when the block surely lacks <paramref name="word"/> (lower-case). A block
    /// without a filter (converted from before filters existed) may hold anything.</summary>
    public static bool MayContain(ReadOnlySpan<byte> filter, string word)
    {
        if (filter.Length < 2)
            return true;
        var probes = filter[0];
        var array = filter[1..];
        var bits = (ulong)array.Length * 8;
        var (h1, h2) = Hash(word);
        for (var i = 0; i < probes; i++)
        {
            var bit = (h1 + (ulong)i * h2) % bits;
            if ((array[(int)(bit >> 3)] & (1 << (int)(bit & 7))) == 0)
                return false;
        }
        return true;
    }

    /// <summary>Two independent 64-bit hashes of the word's UTF-8 (FNV-1a, and its mix), for double hashing.</summary>
    private static (ulong, ulong) Hash(string word)
    {
        Span<byte> buffer = stackalloc byte[256];
        var utf8 = Encoding.UTF8.GetByteCount(word) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(word, buffer)] : Encoding.UTF8.GetBytes(word);
        var hash = 14695981039346656037UL;
        foreach (var b in utf8)
            hash = (hash ^ b) * 1099511628211UL;
        var second = hash ^ (hash >> 33);
        second *= 0xff51afd7ed558ccdUL;
        second ^= second >> 33;
        return (hash, second | 1);
    }
}
