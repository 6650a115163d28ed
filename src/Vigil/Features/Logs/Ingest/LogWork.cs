using Vigil.Features.Logs.Blocks;
using Vigil.Protocols.Logs;

namespace Vigil.Features.Logs.Ingest;

/// <summary>The log events of one accepted request, for one project, already encoded (on the
/// request's thread). The writer disposes them once they are packed into blocks.</summary>
public sealed record LogWork(long ProjectId, EncodedLogs Events)
{
    public static LogWork Encode(long projectId, IReadOnlyList<LogRecord> records) => new(projectId, EncodedLogs.Encode(records));
}
