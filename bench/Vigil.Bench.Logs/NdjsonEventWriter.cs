using System.Text.Json;

namespace Vigil.Bench.Logs;

/// <summary>The same events as one NDJSON line each: the raw size Vigil's storage is compared
/// with, and the file ripgrep and grep search.</summary>
public sealed class NdjsonEventWriter(Stream output) : IDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly Utf8JsonWriter _json = new(output, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public long Bytes { get; private set; }

    public void Write(BenchEvent e)
    {
        _json.Reset(output);
        _json.WriteStartObject();
        _json.WriteString("timestamp", DateTimeOffset.FromUnixTimeMilliseconds(e.TimestampMs).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"));
        _json.WriteString("level", e.Level.Name);
        _json.WriteString("message", e.Message);
        _json.WriteString("messageTemplate", e.Template);
        _json.WriteString("service", e.Service);
        _json.WriteString("host", e.Host);
        _json.WriteString("environment", "production");
        foreach (var (key, value) in e.Properties)
        {
            switch (value)
            {
                case string s: _json.WriteString(key, s); break;
                case int i: _json.WriteNumber(key, i); break;
                case double d: _json.WriteNumber(key, d); break;
                default: _json.WriteString(key, EventGenerator.Format(value)); break;
            }
        }
        if (e.ExceptionStack is not null)
            _json.WriteString("exception", e.ExceptionStack);
        _json.WriteEndObject();
        _json.Flush();
        Bytes += _json.BytesCommitted;
        output.Write(NewLine);
        Bytes += 1;
    }

    public void Dispose() => _json.Dispose();
}
