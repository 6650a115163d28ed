namespace Vigil.Bench.Logs;

/// <summary>
/// The benchmark's events, built before anything is timed: OTLP protobuf batches of
/// <see cref="BatchSize"/> events kept in memory, and the same events written once as NDJSON.
/// Batches are generated in parallel (each seeded by its number, so runs are identical) and
/// written in order.
/// </summary>
public sealed class Dataset
{
    public const int BatchSize = 1000;

    private Dataset(byte[][] batches, long events, long ndjsonBytes, long startMs, long endMs)
    {
        Batches = batches;
        Events = events;
        NdjsonBytes = ndjsonBytes;
        StartMs = startMs;
        EndMs = endMs;
    }

    public byte[][] Batches { get; }
    public long Events { get; }
    public long NdjsonBytes { get; }
    public long StartMs { get; }
    public long EndMs { get; }
    public long ProtobufBytes => Batches.Sum(b => (long)b.Length);

    /// <summary>Events spread evenly over the 24 hours ending <paramref name="endMs"/>.</summary>
    public static Dataset Build(long events, long endMs, string ndjsonPath)
    {
        var span = (long)TimeSpan.FromHours(24).TotalMilliseconds - 60_000;
        var start = endMs - span;
        var count = (int)((events + BatchSize - 1) / BatchSize);
        var batches = new byte[count][];
        const int Chunk = 64;
        using var file = new FileStream(ndjsonPath, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20);
        long ndjsonBytes = 0;
        for (var first = 0; first < count; first += Chunk)
        {
            var last = Math.Min(count, first + Chunk);
            var lines = new MemoryStream[last - first];
            Parallel.For(first, last, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, b =>
            {
                var generator = new EventGenerator(b);
                var list = new List<BenchEvent>(BatchSize);
                for (long i = (long)b * BatchSize; i < Math.Min(events, (long)(b + 1) * BatchSize); i++)
                    list.Add(generator.Next(i, events, start, span));
                batches[b] = new OtlpBatchEncoder().Encode(list);
                var stream = new MemoryStream(list.Count * 360);
                using (var writer = new NdjsonEventWriter(stream))
                {
                    foreach (var e in list)
                        writer.Write(e);
                }
                lines[b - first] = stream;
            });
            foreach (var stream in lines)
            {
                ndjsonBytes += stream.Length;
                stream.Position = 0;
                stream.CopyTo(file);
            }
        }
        return new Dataset(batches, events, ndjsonBytes, start, start + span);
    }
}
