namespace Vigil.Infrastructure.Storage;

/// <summary>Text already encoded as UTF-8, stored in a TEXT column. On SQLite the bytes are bound as
/// they are; a string would cost two transcodes (UTF-8 → UTF-16 → UTF-8) and twice the memory.</summary>
public readonly record struct Utf8Text(ReadOnlyMemory<byte> Bytes)
{
    public override string ToString() => System.Text.Encoding.UTF8.GetString(Bytes.Span);
}
