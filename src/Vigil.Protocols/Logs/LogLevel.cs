namespace Vigil.Protocols.Logs;

/// <summary>
/// The six levels every log source is mapped onto. The numbers follow Serilog's
/// <c>LogEventLevel</c>, so a numeric CLEF <c>@l</c> maps one to one.
/// </summary>
public enum LogLevel
{
    Trace = 0,
    Debug = 1,
    Information = 2,
    Warning = 3,
    Error = 4,
    Fatal = 5,
}
