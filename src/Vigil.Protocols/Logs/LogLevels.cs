namespace Vigil.Protocols.Logs;

/// <summary>
/// Maps the level vocabularies of the sources we accept (OTLP severity numbers, Serilog, .NET,
/// syslog keywords, pino/bunyan numbers) onto <see cref="LogLevel"/>.
/// </summary>
public static class LogLevels
{
    /// <summary>OTLP SeverityNumber: four sub-levels per level; 0 (unspecified) counts as Information.</summary>
    public static LogLevel FromOtlpSeverity(int number) => number switch
    {
        >= 1 and <= 4 => LogLevel.Trace,
        >= 5 and <= 8 => LogLevel.Debug,
        >= 13 and <= 16 => LogLevel.Warning,
        >= 17 and <= 20 => LogLevel.Error,
        >= 21 => LogLevel.Fatal,
        _ => LogLevel.Information,
    };

    /// <summary>A level name from any common vocabulary, case-insensitive; null when unknown.</summary>
    public static LogLevel? FromName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        // Most senders use one of a handful of spellings; lower-casing once keeps the switch simple.
        return name.Trim().ToLowerInvariant() switch
        {
            "verbose" or "trace" or "trc" or "vrb" or "finest" or "finer" => LogLevel.Trace,
            "debug" or "dbg" or "fine" => LogLevel.Debug,
            "information" or "info" or "inf" or "notice" or "log" => LogLevel.Information,
            "warning" or "warn" or "wrn" => LogLevel.Warning,
            "error" or "err" or "eror" or "exception" or "severe" => LogLevel.Error,
            "fatal" or "critical" or "crit" or "ftl" or "panic" or "emergency" or "emerg" or "alert" => LogLevel.Fatal,
            _ => null,
        };
    }

    /// <summary>
    /// A numeric level. Numbers from 10 up follow pino/bunyan (10 trace … 60 fatal); smaller ones
    /// follow Serilog's LogEventLevel (0 verbose … 5 fatal), which CLEF writers send.
    /// </summary>
    public static LogLevel FromNumber(double number)
    {
        if (!double.IsFinite(number) || number < 0)
        {
            return LogLevel.Information;
        }
        if (number < 10)
        {
            return (LogLevel)Math.Min((int)number, (int)LogLevel.Fatal);
        }
        return number switch
        {
            <= 10 => LogLevel.Trace,
            <= 20 => LogLevel.Debug,
            <= 30 => LogLevel.Information,
            <= 40 => LogLevel.Warning,
            <= 50 => LogLevel.Error,
            _ => LogLevel.Fatal,
        };
    }

    /// <summary>
    /// Syslog severity (RFC 5424 table 2): 0 emerg, 1 alert, 2 crit → fatal; 3 err → error;
    /// 4 warning → warning; 5 notice, 6 info → information; 7 debug → debug.
    /// </summary>
    public static LogLevel FromSyslogSeverity(int severity) => severity switch
    {
        <= 2 => LogLevel.Fatal,
        3 => LogLevel.Error,
        4 => LogLevel.Warning,
        5 or 6 => LogLevel.Information,
        _ => LogLevel.Debug,
    };

    /// <summary>The short lower-case name stored and shown: trace, debug, info, warning, error, fatal.</summary>
    public static string Name(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        LogLevel.Fatal => "fatal",
        _ => "info",
    };
}
