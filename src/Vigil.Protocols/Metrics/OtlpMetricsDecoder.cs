namespace Vigil.Protocols.Metrics;

/// <summary>
/// OTLP/HTTP metrics (<c>POST /v1/metrics</c>): an ExportMetricsServiceRequest as protobuf
/// (<c>application/x-protobuf</c>) or JSON (<c>application/json</c>). The body must already be
/// decompressed. Never throws on bad input: an unreadable body is <see cref="OtlpMetricsBatch.Fatal"/>,
/// a bad point is one of <see cref="OtlpMetricsBatch.Errors"/>.
/// </summary>
public static class OtlpMetricsDecoder
{
    public static OtlpMetricsBatch DecodeProtobuf(ReadOnlySpan<byte> body) => OtlpMetricsProtobufReader.Read(body);

    public static OtlpMetricsBatch DecodeJson(ReadOnlySpan<byte> body) => OtlpMetricsJsonReader.Read(body);
}
