using Vigil.Protocols.Logs;

namespace Vigil.Features.Metrics.Sketches;

/// <summary>
/// Distinct counts for StatsD sets and count_distinct rollups (HyperLogLog, Flajolet et al. 2007,
/// with linear counting for small cardinalities). 2^14 registers: a standard error of
/// 1.04/√16384 ≈ 0.81%, 16 KB per sketch, and merging is a register-wise maximum.
/// </summary>
public sealed class HyperLogLog
{
    public const int Precision = 14;
    private const int Registers = 1 << Precision;
    private readonly byte[] _registers;

    public HyperLogLog() => _registers = new byte[Registers];

    private HyperLogLog(byte[] registers) => _registers = registers;

    /// <summary>Adds a member: FNV-1a (stable across restarts, unlike string.GetHashCode) then a
    /// SplitMix64 finish so every bit of the hash depends on every byte of the member.</summary>
    public void Add(string member)
    {
        var hash = LogTemplateHash.Compute(member);
        hash = (hash ^ (hash >> 30)) * 0xbf58476d1ce4e5b9UL;
        hash = (hash ^ (hash >> 27)) * 0x94d049bb133111ebUL;
        AddHash(hash ^ (hash >> 31));
    }

    public void AddHash(ulong hash)
    {
        var index = (int)(hash >> (64 - Precision));
        var rest = (hash << Precision) | (1UL << (Precision - 1)); // the guard bit bounds the run length
        var rank = (byte)(System.Numerics.BitOperations.LeadingZeroCount(rest) + 1);
        if (rank > _registers[index])
            _registers[index] = rank;
    }

    public void Merge(HyperLogLog other)
    {
        for (var i = 0; i < Registers; i++)
        {
            if (other._registers[i] > _registers[i])
                _registers[i] = other._registers[i];
        }
    }

    public long Estimate()
    {
        double sum = 0;
        var zeros = 0;
        foreach (var register in _registers)
        {
            sum += Math.Pow(2, -register);
            if (register == 0)
                zeros++;
        }
        var alpha = 0.7213 / (1 + 1.079 / Registers);
        var raw = alpha * Registers * Registers / sum;
        if (raw <= 2.5 * Registers && zeros > 0)
            return (long)Math.Round(Registers * Math.Log((double)Registers / zeros));
        return (long)Math.Round(raw);
    }

    public byte[] ToBytes() => (byte[])_registers.Clone();

    /// <summary>The sketch, or null when <paramref name="bytes"/> has the wrong length.</summary>
    public static HyperLogLog? FromBytes(ReadOnlySpan<byte> bytes) => bytes.Length == Registers ? new HyperLogLog(bytes.ToArray()) : null;
}
