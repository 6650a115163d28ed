namespace Vigil.Protocols.Sentry;

/// <summary>
/// What <see cref="EventGrouper"/> reads, captured while the payload was written: the exceptions
/// as stored (null when the event has no exception list) and the stored message template.
/// </summary>
internal sealed record GroupingInput(IReadOnlyList<ExceptionInput>? Exceptions, string? StoredTemplate);
