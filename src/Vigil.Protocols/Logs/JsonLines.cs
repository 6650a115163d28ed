using System.Text.Json.Nodes;

namespace Vigil.Protocols.Logs;

/// <summary>
/// Newline-delimited JSON objects (CLEF, NDJSON): splits on <c>\n</c>, tolerates <c>\r\n</c> and
/// blank lines, and turns each object into a record with the format's mapper. A bad line is
/// that line's error; its neighbours are kept. An empty body is an empty batch (Serilog's Seq
/// sink posts one as a keep-alive).
/// </summary>
internal static class JsonLines
{
    private const int MaxDepth = 64;

    /// <summary>Fills <paramref name="record"/> from <paramref name="line"/>; returns why the line is unusable, or null.</summary>
    public delegate string? LineMapper(JsonObject line, LogRecordBuilder record);

    public static LogBatchResult Parse(ReadOnlySpan<byte> body, DateTimeOffset receivedAt, LineMapper map)
    {
        var records = new List<LogRecord>();
        var errors = new List<LogLineError>();
        var start = 0;
        var lineNumber = 0;
        while (start < body.Length)
        {
            lineNumber++;
            var length = body[start..].IndexOf((byte)'\n');
            var end = length < 0 ? body.Length : start + length;
            var line = body[start..end].TrimEnd("\r \t"u8);
            var lineStart = start;
            start = end + 1;
            var leading = line.Length - line.TrimStart(" \t"u8).Length;
            line = line[leading..];
            if (line.IsEmpty)
            {
                continue;
            }
            if (!JsonInput.TryParseObject(line, lineStart + leading, MaxDepth, $"line {lineNumber}", out var obj, out var error))
            {
                errors.Add(new LogLineError(lineNumber, error!.ToString()));
                continue;
            }
            var record = new LogRecordBuilder { Timestamp = receivedAt, Properties = obj! };
            if (map(obj!, record) is { } problem)
            {
                errors.Add(new LogLineError(lineNumber, $"line {lineNumber}: {problem}"));
                continue;
            }
            records.Add(record.Build());
        }
        return new LogBatchResult(records, errors, null);
    }
}
