namespace Vigil.Features.Logs.Ingest;

/// <summary>The wire formats the log edge takes, each with how it answers.</summary>
public enum LogFormat
{
    OtlpProtobuf,
    OtlpJson,
    Clef,
    SeqJson,
    Ndjson,
}
