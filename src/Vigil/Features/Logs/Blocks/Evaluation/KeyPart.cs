namespace Vigil.Features.Logs.Blocks.Evaluation;

/// <summary>One group-by value of an event: a number (level, timestamp, pid, bin start) or a text
/// (text columns, properties), or nothing. Kept unboxed so finding an event's group allocates
/// nothing but the text it reads.</summary>
internal readonly record struct KeyPart(long Number, string? Text, bool IsNull)
{
    public static readonly KeyPart Null = new(0, null, true);

    public static KeyPart Of(long number) => new(number, null, false);

    public static KeyPart Of(string? text) => text is null ? Null : new(0, text, false);
}
