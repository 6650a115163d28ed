namespace Vigil.Protocols.Sentry;

/// <summary>An event normalised, scrubbed and fingerprinted in one pass, ready to store.</summary>
/// <param name="Event">The summary fields ingest, grouping and the issue list need.</param>
/// <param name="Grouping">Which issue the event belongs to.</param>
/// <param name="PayloadUtf8">The canonical event as stored: compact UTF-8 JSON.</param>
public sealed record ProcessedEvent(NormalizedEvent Event, GroupingResult Grouping, ReadOnlyMemory<byte> PayloadUtf8);
