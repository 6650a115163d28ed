using System.Buffers;
using CommunityToolkit.HighPerformance.Buffers;

namespace Vigil.Features.Logs.Blocks;

/// <summary>Packs one project's encoded events into blocks of at most <c>Logs:BlockEvents</c>
/// events: each event's line copied in, its words added to the block's distinct set.</summary>
public sealed class LogBlockBuilder(long projectId, int maxEvents) : IDisposable
{
    private readonly ArrayPoolBufferWriter<byte> _data = new(64 * 1024);
    private readonly HashSet<ulong> _words = [];
    private readonly List<LogBlock> _blocks = [];
    private long _min = long.MaxValue, _max = long.MinValue;
    private int _count, _levels;

    /// <summary>Adds event <paramref name="index"/> of <paramref name="events"/>.</summary>
    public void Add(EncodedLogs events, int index)
    {
        if (_count == maxEvents)
            Flush();
        if (_count > 0)
            _data.Write("\n"u8);
        _data.Write(events.Line(index));
        foreach (var word in events.Words(index))
            _words.Add(word);
        var timestamp = events.Timestamp(index);
        _min = Math.Min(_min, timestamp);
        _max = Math.Max(_max, timestamp);
        _levels |= 1 << (int)events.Level(index);
        _count++;
    }

    /// <summary>The finished blocks (the builder is empty afterwards).</summary>
    public List<LogBlock> Finish()
    {
        Flush();
        var blocks = _blocks.ToList();
        _blocks.Clear();
        return blocks;
    }

    public void Dispose() => _data.Dispose();

    private void Flush()
    {
        if (_count == 0)
            return;
        _blocks.Add(new LogBlock(projectId, _min, _max, _count, _levels, BlockFilter.Build(_words), _data.WrittenSpan.ToArray()));
        _data.Clear();
        _words.Clear();
        _min = long.MaxValue;
        _max = long.MinValue;
        _count = 0;
        _levels = 0;
    }
}
