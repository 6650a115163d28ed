using System.Buffers;
using System.Text.Json;
using Vigil.Protocols.Logs;

namespace Vigil.Features.Logs.Blocks;

/// <summary>Packs one project's records into blocks of at most <c>Logs:BlockEvents</c> events:
/// each record written once as a line, its words added to the block's filter set.</summary>
public sealed class LogBlockBuilder(long projectId, int maxEvents)
{
    private readonly ArrayBufferWriter<byte> _data = new(64 * 1024);
    private readonly WordHashes _words = new();
    private readonly List<LogBlock> _blocks = [];
    private Utf8JsonWriter? _json;
    private long _min = long.MaxValue, _max = long.MinValue;
    private int _count, _levels;

    /// <returns>the event's size as retention counts it: message, exception and properties (as JSON)</returns>
    public long Add(LogRecord record)
    {
        if (_count == maxEvents)
            Flush();
        if (_count > 0)
            _data.Write("\n"u8);
        var json = _json ??= new Utf8JsonWriter(_data, LogLine.Options);
        json.Reset(_data);
        var properties = LogLine.Write(json, record);
        json.Flush();
        var timestamp = record.Timestamp.ToUnixTimeMilliseconds();
        _min = Math.Min(_min, timestamp);
        _max = Math.Max(_max, timestamp);
        _levels |= 1 << (int)record.Level;
        _count++;
        AddWords(record);
        return record.Message.Length + (record.Exception?.Length ?? 0) + properties;
    }

    /// <summary>The finished blocks (the builder is empty afterwards).</summary>
    public List<LogBlock> Finish()
    {
        Flush();
        var blocks = _blocks.ToList();
        _blocks.Clear();
        return blocks;
    }

    private void AddWords(LogRecord record)
    {
        _words.AddText(record.Message);
        foreach (var text in (ReadOnlySpan<string?>)[record.Exception, record.Service, record.Host, record.RequestId, record.Environment, record.EventName, record.TraceId, record.SpanId])
        {
            if (text is not null)
                _words.AddText(text);
        }
        _words.AddNode(record.Properties);
    }

    private void Flush()
    {
        if (_count == 0)
            return;
        _blocks.Add(new LogBlock(projectId, _min, _max, _count, _levels, BlockFilter.Build(_words.Hashes), _data.WrittenSpan.ToArray()));
        _data.ResetWrittenCount();
        _words.Clear();
        _min = long.MaxValue;
        _max = long.MinValue;
        _count = 0;
        _levels = 0;
    }
}
