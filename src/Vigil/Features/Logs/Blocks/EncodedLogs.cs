using System.Runtime.InteropServices;
using System.Text.Json;
using CommunityToolkit.HighPerformance.Buffers;
using Vigil.Protocols.Logs;
using LogLevel = Vigil.Protocols.Logs.LogLevel;

namespace Vigil.Features.Logs.Blocks;

/// <summary>
/// The records of one request, encoded on the request's own thread: each as its line (see
/// <see cref="LogLine"/>) and its words' hashes, with the request's minute counts and templates
/// folded. The single batch writer then only copies lines into blocks, so the costly part of ingest
/// runs on every core, and what waits in the queue is a few pooled buffers rather than thousands
/// of objects the garbage collector would have to promote. Dispose returns the buffers.
/// </summary>
public sealed class EncodedLogs : IDisposable
{
    private readonly ArrayPoolBufferWriter<byte> _lines;
    private readonly ArrayPoolBufferWriter<ulong> _words;
    private readonly Event[] _events;

    private EncodedLogs(int count, int lineBytes)
    {
        _lines = new ArrayPoolBufferWriter<byte>(Math.Max(256, lineBytes));
        _words = new ArrayPoolBufferWriter<ulong>(Math.Max(16, count * 32));
        _events = new Event[count];
    }

    public int Count => _events.Length;

    /// <summary>Events per (minute, level), with the bytes retention counts for them.</summary>
    public Dictionary<(long Minute, int Level), (long Count, long Bytes)> Minutes { get; } = [];

    /// <summary>The request's distinct message templates by hash, with the time each was first seen.</summary>
    public Dictionary<long, (string Template, long FirstSeen)> Templates { get; } = [];

    public ReadOnlySpan<byte> Line(int index) => _lines.WrittenSpan[(index == 0 ? 0 : _events[index - 1].LineEnd).._events[index].LineEnd];

    public ReadOnlySpan<ulong> Words(int index) => _words.WrittenSpan[(index == 0 ? 0 : _events[index - 1].WordEnd).._events[index].WordEnd];

    public long Timestamp(int index) => _events[index].Timestamp;

    public LogLevel Level(int index) => _events[index].Level;

    public static EncodedLogs Encode(IReadOnlyList<LogRecord> records)
    {
        var encoded = new EncodedLogs(records.Count, records.Count * 512);
        var words = new WordHashes(encoded._words);
        using var json = new Utf8JsonWriter(encoded._lines, LogLine.Options);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            json.Reset(encoded._lines);
            var properties = LogLine.Write(json, record);
            json.Flush();
            words.AddLine(encoded._lines.WrittenSpan[(i == 0 ? 0 : encoded._events[i - 1].LineEnd)..]);
            var timestamp = record.Timestamp.ToUnixTimeMilliseconds();
            encoded._events[i] = new Event(encoded._lines.WrittenCount, encoded._words.WrittenCount, timestamp, record.Level);
            var minute = timestamp - ((timestamp % 60_000) + 60_000) % 60_000;
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(encoded.Minutes, (minute, (int)record.Level), out _);
            slot = (slot.Count + 1, slot.Bytes + record.Message.Length + (record.Exception?.Length ?? 0) + properties);
            encoded.Templates.TryAdd(unchecked((long)record.TemplateHash), (record.Template ?? record.Message, timestamp));
        }
        return encoded;
    }

    public void Dispose()
    {
        _lines.Dispose();
        _words.Dispose();
    }

    private readonly record struct Event(int LineEnd, int WordEnd, long Timestamp, LogLevel Level);
}
