using Vigil.Protocols.Logs;

namespace Vigil.Features.Logs.Ingest;

/// <summary>The log records of one accepted request, for one project.</summary>
public sealed record LogWork(long ProjectId, IReadOnlyList<LogRecord> Records);
