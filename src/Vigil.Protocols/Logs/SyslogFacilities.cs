namespace Vigil.Protocols.Logs;

/// <summary>Facility codes 0–23 by their conventional names (RFC 5424 table 1, as syslogd and logger spell them).</summary>
internal static class SyslogFacilities
{
    private static readonly string[] Names =
    [
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp",
        "ntp", "security", "console", "solaris-cron",
        "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
    ];

    public static string Name(int facility) =>
        facility >= 0 && facility < Names.Length ? Names[facility] : facility.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
