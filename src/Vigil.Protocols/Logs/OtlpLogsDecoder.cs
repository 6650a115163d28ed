namespace Vigil.Protocols.Logs;

/// <summary>
/// OTLP/HTTP logs (<c>POST /v1/logs</c>): an ExportLogsServiceRequest as protobuf
/// (<c>application/x-protobuf</c>) or JSON (<c>application/json</c>). The body must already be
/// decompressed; the edge checks its size after decompression.
/// </summary>
public static class OtlpLogsDecoder
{
    public static LogBatchResult DecodeProtobuf(ReadOnlySpan<byte> body, DateTimeOffset receivedAt) =>
        OtlpProtobufReader.Read(body, receivedAt);

    /// <summary>Reads the records into <paramref name="sink"/> as they come, plain ones (what exporters
    /// mostly send) as <see cref="OtlpLogView"/>s over <paramref name="body"/>, the rest as
    /// <see cref="LogRecord"/>s, mapped the same way. Returns the fatal error when the body is not an
    /// ExportLogsServiceRequest at all; the sink's records are then void.</summary>
    public static ParseError? DecodeProtobuf(ReadOnlySpan<byte> body, DateTimeOffset receivedAt, IOtlpLogSink sink) =>
        OtlpProtobufReader.Read(body, receivedAt, sink, views: true);

    public static LogBatchResult DecodeJson(ReadOnlySpan<byte> body, DateTimeOffset receivedAt) =>
        OtlpJsonReader.Read(body, receivedAt);
}
