namespace Vigil.Protocols.Sentry;

/// <summary>
/// The five Sentry levels and the synonyms SDKs and logging bridges send for them
/// (Python's <c>warn</c> and <c>critical</c>, console's <c>log</c>, .NET's <c>Information</c>).
/// </summary>
internal static class LevelNames
{
    public const string Default = "error";

    public static string Normalize(string? level)
    {
        if (string.IsNullOrWhiteSpace(level))
        {
            return Default;
        }
        return level.Trim().ToLowerInvariant() switch
        {
            "fatal" or "critical" or "crit" or "emergency" or "alert" => "fatal",
            "error" or "err" or "exception" => "error",
            "warning" or "warn" => "warning",
            "info" or "information" or "log" or "notice" => "info",
            "debug" or "trace" or "verbose" => "debug",
            _ => Default,
        };
    }
}
