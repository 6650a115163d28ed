namespace Vigil.Features.Logs.Blocks.Evaluation;

/// <summary>An event's group: its key parts, compared part by part (text exactly, as SQL's GROUP BY
/// did). The first two parts are held inline; only a third key makes an array.</summary>
internal readonly struct GroupKeyValues(KeyPart first, KeyPart second, KeyPart[]? rest) : IEquatable<GroupKeyValues>
{
    public KeyPart this[int index] => index switch
    {
        0 => first,
        1 => second,
        _ => rest![index - 2],
    };

    public bool Equals(GroupKeyValues other) =>
        first.Equals(other[0]) && second.Equals(other[1]) && RestEquals(other);

    public override bool Equals(object? obj) => obj is GroupKeyValues other && Equals(other);

    public override int GetHashCode()
    {
        var hash = HashCode.Combine(first, second);
        foreach (var part in rest ?? [])
            hash = HashCode.Combine(hash, part);
        return hash;
    }

    private bool RestEquals(GroupKeyValues other)
    {
        if (rest is null)
            return true;
        for (var i = 0; i < rest.Length; i++)
        {
            if (!rest[i].Equals(other[i + 2]))
                return false;
        }
        return true;
    }
}
