using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using CommunityToolkit.HighPerformance.Buffers;
using Vigil.Protocols;
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
public sealed class EncodedLogs : IDisposable, IOtlpLogSink
{
    // One JSON writer per thread, pointed at each request's buffer in turn.
    [ThreadStatic]
    private static Utf8JsonWriter? t_json;

    private readonly ArrayPoolBufferWriter<byte> _lines;
    private readonly ArrayPoolBufferWriter<ulong> _words;
    private readonly WordHashes _hashes;
    private Event[] _events;
    private int _count;

    private EncodedLogs(int count)
    {
        _lines = new ArrayPoolBufferWriter<byte>(Math.Max(256, count * 512));
        _words = new ArrayPoolBufferWriter<ulong>(Math.Max(16, count * 32));
        _hashes = new WordHashes(_words);
        _events = new Event[Math.Max(4, count)];
    }

    public int Count => _count;

    /// <summary>Events per (minute, level), with the bytes retention counts for them.</summary>
    public Dictionary<(long Minute, int Level), (long Count, long Bytes)> Minutes { get; } = [];

    /// <summary>The request's distinct message templates by hash, with the time each was first seen.</summary>
    public Dictionary<long, (string Template, long FirstSeen)> Templates { get; } = [];

    /// <summary>Records that could not be read (OTLP), by their index in the request.</summary>
    public List<LogLineError> Errors { get; } = [];

    public ReadOnlySpan<byte> Line(int index) => _lines.WrittenSpan[(index == 0 ? 0 : _events[index - 1].LineEnd).._events[index].LineEnd];

    public ReadOnlySpan<ulong> Words(int index) => _words.WrittenSpan[(index == 0 ? 0 : _events[index - 1].WordEnd).._events[index].WordEnd];

    public long Timestamp(int index) => _events[index].Timestamp;

    public LogLevel Level(int index) => _events[index].Level;

    public static EncodedLogs Encode(IReadOnlyList<LogRecord> records)
    {
        var encoded = new EncodedLogs(records.Count);
        foreach (var record in records)
            encoded.Add(record);
        return encoded;
    }

    /// <summary>An OTLP protobuf request's records, read and encoded in one pass (see
    /// <see cref="OtlpLogsDecoder.DecodeProtobuf(ReadOnlySpan{byte}, DateTimeOffset, IOtlpLogSink)"/>);
    /// null, with <paramref name="fatal"/> set, when the body is not a request at all.</summary>
    public static EncodedLogs? EncodeOtlp(ReadOnlySpan<byte> body, DateTimeOffset receivedAt, out ParseError? fatal)
    {
        var encoded = new EncodedLogs(body.Length / 300);
        fatal = OtlpLogsDecoder.DecodeProtobuf(body, receivedAt, encoded);
        if (fatal is null)
            return encoded;
        encoded.Dispose();
        return null;
    }

    public void Add(LogRecord record)
    {
        var json = Begin();
        var properties = LogLine.Write(json, record);
        var timestamp = record.Timestamp.ToUnixTimeMilliseconds();
        End(json, timestamp, record.Level, record.Message.Length + (record.Exception?.Length ?? 0) + properties, hashed: false);
        var hash = unchecked((long)record.TemplateHash);
        Templates.TryAdd(hash, (record.Template ?? record.Message, timestamp));
    }

    public void Add(in OtlpLogView record)
    {
        var json = Begin();
        var properties = LogLine.Write(json, record);
        End(json, record.TimestampMs, record.Level, Encoding.UTF8.GetCharCount(record.Message) + properties, _hashes.TryAddView(record));
        var hash = unchecked((long)record.TemplateHash);
        if (!Templates.ContainsKey(hash))
            Templates[hash] = (Encoding.UTF8.GetString(record.Template.IsEmpty ? record.Message : record.Template), record.TimestampMs);
    }

    public void Fail(LogLineError error) => Errors.Add(error);

    private Utf8JsonWriter Begin()
    {
        var json = t_json ??= new Utf8JsonWriter(_lines, LogLine.Options);
        json.Reset(_lines);
        return json;
    }

    /// <param name="hashed">whether the line's words were already hashed from the record</param>
    private void End(Utf8JsonWriter json, long timestamp, LogLevel level, long bytes, bool hashed)
    {
        json.Flush();
        json.Reset();
        var lineStart = _count == 0 ? 0 : _events[_count - 1].LineEnd;
        if (!hashed)
            _hashes.AddLine(_lines.WrittenSpan[lineStart..]);
        if (_count == _events.Length)
            Array.Resize(ref _events, _count * 2);
        _events[_count++] = new Event(_lines.WrittenCount, _words.WrittenCount, timestamp, level);
        var minute = timestamp - ((timestamp % 60_000) + 60_000) % 60_000;
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(Minutes, (minute, (int)level), out _);
        slot = (slot.Count + 1, slot.Bytes + bytes);
    }

    public void Dispose()
    {
        _lines.Dispose();
        _words.Dispose();
    }

    private readonly record struct Event(int LineEnd, int WordEnd, long Timestamp, LogLevel Level);
}
