
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

    /// <param name="words">the block's distinct words, hashed by <see cref="WordHashes"/></param>
    public static byte[] Build(IReadOnlyCollection<ulong> words)
    {
        var bits = Math.Max(64, (words.Count * BitsPerWord + 63) / 64 * 64);
        var filter = new byte[1 + bits / 8];
        filter[0] = Probes;
        var array = filter.AsSpan(1);
        foreach (var word in words)
        {
            var (h1, h2) = Split(word);
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
        var (h1, h2) = Split(WordHashes.Of(word));
        for (var i = 0; i < probes; i++)
        {
            var bit = (h1 + (ulong)i * h2) % bits;
            if ((array[(int)(bit >> 3)] & (1 << (int)(bit & 7))) == 0)
                return false;
        }
        return true;
    }

    /// <summary>The word's hash and a second one mixed from it, for double hashing.</summary>
    private static (ulong, ulong) Split(ulong hash)
    {
        var second = hash ^ (hash >> 33);
        second *= 0xff51afd7ed558ccdUL;
        second ^= second >> 33;
        return (hash, second | 1);
    }
}
