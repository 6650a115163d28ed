namespace Vigil.Protocols.Logs;

/// <summary>
/// One dropped record. <paramref name="Line"/> is the 1-based line for line formats (CLEF,
/// NDJSON) and the 0-based record index in request order for OTLP and Seq's JSON batches.
/// </summary>
public sealed record LogLineError(int Line, string Message);
