namespace Vigil.Protocols.Sentry;

/// <summary>Outcome of <see cref="SentryEventPipeline.Process(ReadOnlyMemory{byte}, EventNormalizeOptions, ScrubOptions?)"/>: an event, or an error and where it is.</summary>
public sealed record ProcessResult(ProcessedEvent? Event, ParseError? Error);
