using System.Text.Json;
using Vigil.Features.Logs.Query;

namespace Vigil.Cli.Logs;

/// <summary>How `vigil logs` prints events: one line each, or one JSON object per line with --json.</summary>
internal static class LogsOutput
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Write(LogEventView log, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(log, Json));
            return;
        }
        var context = string.Join(' ', new[] { log.Service, log.RequestId is null ? null : "req=" + log.RequestId }.Where(s => s is not null));
        Console.WriteLine($"{log.Timestamp:yyyy-MM-dd HH:mm:ss.fff} {Abbreviation(log.Level)} {(context.Length > 0 ? "[" + context + "] " : "")}{log.Message}");
        if (log.Exception is not null)
            Console.WriteLine(log.Exception);
    }

    public static void Write(AggregateResult result, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(result, Json));
            return;
        }
        Console.WriteLine(string.Join('\t', result.Columns));
        foreach (var row in result.Rows)
            Console.WriteLine(string.Join('\t', row.Select(v => v switch { DateTimeOffset t => t.ToString("u"), null => "", _ => v.ToString() })));
    }

    private static string Abbreviation(string level) => level switch
    {
        "trace" => "TRC",
        "debug" => "DBG",
        "info" => "INF",
        "warning" => "WRN",
        "error" => "ERR",
        _ => "FTL",
    };
}
