using Vigil.Protocols.Otlp;

namespace Vigil.Protocols.Logs;

/// <summary>
/// ExportLogsServiceResponse bodies, so the edge can answer in the request's content type.
/// An empty response means everything was accepted; partial_success{rejected_log_records = 1,
/// error_message = 2} tells the exporter what was dropped (it does not retry those).
/// </summary>
public static class OtlpResponses
{
    public static byte[] ExportLogsPartialSuccessProtobuf(long rejected, string? message) =>
        OtlpResponseWriter.PartialSuccessProtobuf(rejected, message);

    /// <summary>The JSON mapping: int64 as a decimal string, lowerCamelCase keys.</summary>
    public static byte[] ExportLogsPartialSuccessJson(long rejected, string? message) =>
        OtlpResponseWriter.PartialSuccessJson("rejectedLogRecords", rejected, message);
}
