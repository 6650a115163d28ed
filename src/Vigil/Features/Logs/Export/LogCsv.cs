using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.Features.Logs.Query;

namespace Vigil.Features.Logs.Export;

/// <summary>Log events as CSV (RFC 4180): fixed columns people sort and filter by in a spreadsheet,
/// and the remaining properties as one JSON column so nothing is lost.</summary>
public static class LogCsv
{
    public const string Header = "timestamp,level,service,message,request_id,trace_id,exception,properties";

    public static string Row(LogEventView log)
    {
        var row = new StringBuilder();
        Append(row, log.Timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        foreach (var value in new[] { log.Level, log.Service, log.Message, log.RequestId, log.TraceId, log.Exception })
        {
            row.Append(',');
            Append(row, value);
        }
        row.Append(',');
        Append(row, log.Properties is null ? "" : log.Properties.ToJsonString(LogsApi.Json));
        return row.ToString();
    }

    /// <summary>Quotes a field when it holds a comma, quote or line break, doubling inner quotes.</summary>
    public static void Append(StringBuilder row, string? value)
    {
        if (string.IsNullOrEmpty(value))
            return;
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            row.Append(value);
            return;
        }
        row.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
