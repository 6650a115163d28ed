using System.Text;

namespace Vigil.Protocols.Otlp;

/// <summary>
/// Attribute keys repeat in every record of a batch (RequestPath, StatusCode, http.route…), so short
/// ASCII keys are kept in a small table and handed out again instead of decoding a new string each
/// time. A slot holds the last key that hashed to it; a miss only decodes, as before.
/// </summary>
internal static class AttributeKeys
{
    private const int MaxLength = 64;
    private static readonly string?[] Slots = new string?[1024];

    public static string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength || !Ascii.IsValid(utf8))
            return Encoding.UTF8.GetString(utf8);
        var hash = 2166136261u;
        foreach (var b in utf8)
            hash = (hash ^ b) * 16777619u;
        ref var slot = ref Slots[hash % (uint)Slots.Length];
        var cached = Volatile.Read(ref slot);
        if (cached is not null && Ascii.Equals(utf8, cached))
            return cached;
        var key = Encoding.ASCII.GetString(utf8);
        Volatile.Write(ref slot, key);
        return key;
    }
}
