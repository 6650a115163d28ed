namespace Vigil.Protocols.Sentry;

/// <summary>Outcome of <see cref="EventNormalizer.Normalize"/>: an event, or an error and where it is.</summary>
public sealed record EventNormalizeResult(NormalizedEvent? Event, ParseError? Error)
{
    public bool IsSuccess => Event is not null && Error is null;
}
