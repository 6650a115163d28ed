using System.Text.Json;
using Vigil.Features.Logs.Blocks;
using Vigil.Protocols.LogQuery;
using Vigil.Protocols.Logs;

namespace Vigil.Tests.Features.Logs.Blocks;

/// <summary>Events as a block reader would hand them over, and queries parsed by the real parser.</summary>
internal static class StoredEvents
{
    public static StoredLogEvent With(string properties = "{}", string message = "", LogLevel level = LogLevel.Information, long timestamp = 0) => new()
    {
        Message = message,
        Level = level,
        Timestamp = timestamp,
        Properties = JsonDocument.Parse(properties).RootElement,
    };

    public static Vigil.Protocols.LogQuery.Query Parse(string query)
    {
        var result = QueryParser.Parse(query);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Query!;
    }

    public static LogFilter Filter(string query) => LogFilter.Compile(Parse(query).Filter);
}
