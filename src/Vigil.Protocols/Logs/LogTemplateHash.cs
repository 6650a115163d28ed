using System.Buffers;
using System.Text;

namespace Vigil.Protocols.Logs;

/// <summary>
/// The stable 64-bit hash that groups events by template. FNV-1a 64 over the UTF-8 bytes: the
/// framework has no XxHash without a package, FNV is a few lines, and UTF-8 makes the value
/// reproducible from any language (or SQL) that wants to compute it too.
/// </summary>
public static class LogTemplateHash
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static ulong Compute(string text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        var buffer = max <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, buffer);
            return Compute(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public static ulong Compute(ReadOnlySpan<byte> utf8)
    {
        var hash = OffsetBasis;
        foreach (var b in utf8)
        {
            hash = (hash ^ b) * Prime;
        }
        return hash;
    }
}
