using System.Text.Json.Nodes;
using Vigil.Protocols.Otlp;

namespace Vigil.Protocols.Logs;

/// <summary>
/// Walks ExportLogsServiceRequest → ResourceLogs → ScopeLogs → LogRecord (field numbers from
/// opentelemetry-proto's logs.proto, common.proto and resource.proto). Fields may come in any
/// order — the .NET exporter writes attributes after trace_id — so each container first notes
/// where its children are and then decodes resource and scope before the records.
/// A broken container is fatal; a broken record inside an intact container is that record's error.
/// </summary>
internal sealed class OtlpProtobufReader
{
    private readonly DateTimeOffset _receivedAt;
    private readonly IOtlpLogSink _sink;
    private readonly OtlpPlainRecord? _plain;
    private int _index;

    private OtlpProtobufReader(DateTimeOffset receivedAt, IOtlpLogSink sink, bool views)
    {
        _receivedAt = receivedAt;
        _sink = sink;
        _plain = views ? new OtlpPlainRecord() : null;
    }

    public static LogBatchResult Read(ReadOnlySpan<byte> body, DateTimeOffset receivedAt)
    {
        var records = new RecordList();
        var fatal = Read(body, receivedAt, records, views: false);
        return fatal is null ? new LogBatchResult(records.Records, records.Errors, null) : LogBatchResult.FromFatal(fatal);
    }

    /// <summary>Reads every record into <paramref name="sink"/>, plain ones as views when <paramref name="views"/>
    /// is set; the fatal error when the request's framing is broken (what the sink got is then void).</summary>
    public static ParseError? Read(ReadOnlySpan<byte> body, DateTimeOffset receivedAt, IOtlpLogSink sink, bool views)
    {
        var state = new OtlpProtobufReader(receivedAt, sink, views);
        var reader = new ProtoReader(body, 0);
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var field, out var wire))
            {
                return reader.ToError("ExportLogsServiceRequest");
            }
            var ok = field == 1
                ? reader.Expect(wire, ProtoReader.Len, field) && reader.TryReadBytes(out var sub, out var at)
                  && state.ReadResourceLogs(body, sub, at, ref reader)
                : reader.TrySkip(wire);
            if (!ok)
            {
                return reader.ToError("ExportLogsServiceRequest");
            }
        }
        return null;
    }

    private bool ReadResourceLogs(ReadOnlySpan<byte> request, ReadOnlySpan<byte> data, long offset, ref ProtoReader outer)
    {
        var attributes = new JsonObject();
        if (!OtlpResourceReader.TryRead(data, offset, attributes, out var scopes, ref outer))
        {
            return false;
        }
        var context = OtlpResourceContext.Create(attributes);
        foreach (var range in scopes)
        {
            var (start, length) = range.GetOffsetAndLength(data.Length);
            if (!ReadScopeLogs(request, data.Slice(start, length), offset + start, context, ref outer))
            {
                return false;
            }
        }
        return true;
    }

    private bool ReadScopeLogs(ReadOnlySpan<byte> request, ReadOnlySpan<byte> data, long offset, OtlpResourceContext resource, ref ProtoReader outer)
    {
        var reader = new ProtoReader(data, offset);
        string? scopeName = null;
        List<Range>? records = null;
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var field, out var wire))
            {
                return outer.Fail(reader.Error!, reader.ErrorOffset);
            }
            var ok = field switch
            {
                1 => reader.Expect(wire, ProtoReader.Len, field) && reader.TryReadBytes(out var scope, out var at)
                     && ReadScopeName(scope, at, ref reader, out scopeName),
                2 => reader.Expect(wire, ProtoReader.Len, field) && reader.TryReadBytes(out var record, out var at2)
                     && Remember(ref records, at2 - offset, record.Length),
                _ => reader.TrySkip(wire),
            };
            if (!ok)
            {
                return outer.Fail(reader.Error!, reader.ErrorOffset);
            }
        }
        var context = resource.WithScope(scopeName);
        foreach (var range in records ?? [])
        {
            var (start, length) = range.GetOffsetAndLength(data.Length);
            if (_plain is null || !_plain.TryRead(request, (int)offset + start, length, context, _receivedAt, _sink))
            {
                var raw = new OtlpRawRecord();
                var recordReader = new ProtoReader(data.Slice(start, length), offset + start);
                if (OtlpProtoRecordFields.TryRead(ref recordReader, raw))
                {
                    _sink.Add(OtlpRecordMapper.Map(raw, context, _receivedAt));
                }
                else
                {
                    _sink.Fail(new LogLineError(_index, recordReader.ToError("LogRecord").ToString()));
                }
            }
            _index++;
        }
        return true;
    }

    private static bool ReadScopeName(ReadOnlySpan<byte> data, long offset, ref ProtoReader outer, out string? name)
    {
        name = null;
        var reader = new ProtoReader(data, offset);
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var field, out var wire)
                || !(field == 1 ? reader.Expect(wire, ProtoReader.Len, field) && OtlpProtoValues.TryReadString(ref reader, out name!) : reader.TrySkip(wire)))
            {
                return outer.Fail(reader.Error!, reader.ErrorOffset);
            }
        }
        return true;
    }

    private static bool Remember(ref List<Range>? ranges, long start, int length)
    {
        (ranges ??= []).Add(new Range((int)start, (int)start + length));
        return true;
    }

    /// <summary>The records as <see cref="LogRecord"/>s, for callers that want them all at once.</summary>
    private sealed class RecordList : IOtlpLogSink
    {
        public List<LogRecord> Records { get; } = [];

        public List<LogLineError> Errors { get; } = [];

        public void Add(LogRecord record) => Records.Add(record);

        public void Add(in OtlpLogView record) => throw new InvalidOperationException("Views were not asked for.");

        public void Fail(LogLineError error) => Errors.Add(error);
    }
}
