namespace Vigil.Features.Metrics.Sketches;

/// <summary>A compact binary form of <see cref="DDSketch"/> for storing rollups: the header, then
/// each non-empty bucket as a delta-coded index and a count.</summary>
public static class DDSketchSerializer
{
    private const byte Version = 1;

    public static byte[] Write(DDSketch sketch)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(Version);
        writer.Write(sketch.RelativeAccuracy);
        writer.Write(sketch.Count);
        writer.Write(sketch.ZeroCount);
        writer.Write(sketch.Sum);
        writer.Write(sketch.Min);
        writer.Write(sketch.Max);
        WriteBuckets(writer, sketch.PositiveBuckets);
        WriteBuckets(writer, sketch.NegativeBuckets);
        writer.Flush();
        return stream.ToArray();
    }

    /// <summary>The sketch, or null when <paramref name="bytes"/> is not one this writer made.</summary>
    public static DDSketch? Read(ReadOnlySpan<byte> bytes)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes.ToArray()));
            if (reader.ReadByte() != Version)
                return null;
            var sketch = new DDSketch(reader.ReadDouble());
            var (count, zero, sum, min, max) = (reader.ReadInt64(), reader.ReadInt64(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble());
            ReadBuckets(reader, sketch, positive: true);
            ReadBuckets(reader, sketch, positive: false);
            sketch.Restore(zero, count, sum, min, max);
            return sketch;
        }
        catch (Exception error) when (error is EndOfStreamException or ArgumentOutOfRangeException or FormatException)
        {
            return null;
        }
    }

    private static void WriteBuckets(BinaryWriter writer, IReadOnlyDictionary<int, long> buckets)
    {
        writer.Write7BitEncodedInt(buckets.Count);
        var previous = 0;
        foreach (var (index, count) in buckets.OrderBy(b => b.Key))
        {
            writer.Write7BitEncodedInt(index - previous);
            writer.Write7BitEncodedInt64(count);
            previous = index;
        }
    }

    private static void ReadBuckets(BinaryReader reader, DDSketch sketch, bool positive)
    {
        var buckets = reader.Read7BitEncodedInt();
        var index = 0;
        for (var i = 0; i < buckets; i++)
        {
            index += reader.Read7BitEncodedInt();
            sketch.SetBucket(positive, index, reader.Read7BitEncodedInt64());
        }
    }
}
