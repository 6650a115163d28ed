namespace Vigil.Bench.Logs;

/// <summary>One generated log event, before it is written as OTLP protobuf or as an NDJSON line.</summary>
public sealed record BenchEvent(
    long TimestampMs,
    BenchLevel Level,
    string Template,
    string Message,
    string Service,
    string Host,
    IReadOnlyList<KeyValuePair<string, object>> Properties,
    string? ExceptionType,
    string? ExceptionMessage,
    string? ExceptionStack);

/// <summary>A level with its OTLP severity number and the name NDJSON and Serilog use.</summary>
public sealed record BenchLevel(int Severity, string Name)
{
    public static readonly BenchLevel Information = new(9, "Information");
    public static readonly BenchLevel Warning = new(13, "Warning");
    public static readonly BenchLevel Error = new(17, "Error");
}
