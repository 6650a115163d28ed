namespace Vigil.Protocols.StatsD;

/// <summary>
/// One metric line as spans over the packet it came from, so the hot receive loop can aggregate
/// without allocating: <see cref="Name"/> (trimmed), <see cref="Values"/> (one value, several
/// separated by ':' for h/d/ms, or a set's member) and <see cref="Tags"/> (the raw text after '#').
/// <see cref="FirstValue"/> is parsed already; <see cref="StatsdLineParser.NextValue"/> walks the rest.
/// </summary>
public ref struct StatsdLine
{
    public ReadOnlySpan<byte> Name;
    public ReadOnlySpan<byte> Values;
    public ReadOnlySpan<byte> Tags;
    public StatsdType Type;
    public double SampleRate;
    public double FirstValue;
    public int ValueCount;
    public bool IsDelta;
    public long? TimestampSeconds;
}
