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

    public static LogBatchResult DecodeJson(ReadOnlySpan<byte> body, DateTimeOffset receivedAt) =>
        OtlpJsonReader.Read(body, receivedAt);
}
