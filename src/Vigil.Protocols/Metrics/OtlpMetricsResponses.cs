using Vigil.Protocols.Otlp;

namespace Vigil.Protocols.Metrics;

/// <summary>
/// ExportMetricsServiceResponse bodies (empty = all accepted; partial_success{rejected_data_points,
/// error_message} = some dropped, which exporters do not retry) and the google.rpc.Status body of a
/// 400, in the request's content type.
/// </summary>
public static class OtlpMetricsResponses
{
    /// <summary>google.rpc.Code INVALID_ARGUMENT.</summary>
    public const int InvalidArgument = 3;

    public static byte[] PartialSuccessProtobuf(long rejectedDataPoints, string? message) =>
        OtlpResponseWriter.PartialSuccessProtobuf(rejectedDataPoints, message);

    public static byte[] PartialSuccessJson(long rejectedDataPoints, string? message) =>
        OtlpResponseWriter.PartialSuccessJson("rejectedDataPoints", rejectedDataPoints, message);

    public static byte[] InvalidProtobuf(string message) => OtlpResponseWriter.StatusProtobuf(InvalidArgument, message);

    public static byte[] InvalidJson(string message) => OtlpResponseWriter.StatusJson(InvalidArgument, message);
}
