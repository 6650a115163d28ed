namespace Vigil.Protocols.Sentry;

/// <summary>
/// The grouping decision for one event. Events with equal <see cref="Hash"/> are one issue.
/// </summary>
/// <param name="Hash">32 lowercase hex digits: the first 16 bytes of SHA-256 over the components.</param>
/// <param name="Variant">Which rule produced the hash: custom, app, system, exception-message, message or fallback.</param>
/// <param name="Components">The values that were hashed, readable, for "why did these group?" in the UI.</param>
public sealed record GroupingResult(string Hash, string Variant, IReadOnlyList<string> Components)
{
    public const string Custom = "custom";
    public const string App = "app";
    public const string System = "system";
    public const string ExceptionMessage = "exception-message";
    public const string Message = "message";
    public const string Fallback = "fallback";
}
