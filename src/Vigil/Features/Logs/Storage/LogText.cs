using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Protocols.Logs;

namespace Vigil.Features.Logs.Storage;

/// <summary>What the full-text index holds for an event: its message, exception and every
/// property value, so a bare word finds an event by any of them.</summary>
public static class LogText
{
    public static string Of(LogRecord record)
    {
        var text = new StringBuilder(record.Message.Length + 128);
        text.Append(record.Message);
        if (record.Exception is not null)
            text.Append('\n').Append(record.Exception);
        foreach (var value in new[] { record.Service, record.Host, record.RequestId, record.Environment, record.EventName })
        {
            if (value is not null)
                text.Append(' ').Append(value);
        }
        AppendValues(text, record.Properties);
        return text.ToString();
    }

    private static void AppendValues(StringBuilder text, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                    AppendValues(text, child);
                break;
            case JsonArray array:
                foreach (var child in array)
                    AppendValues(text, child);
                break;
            case JsonValue value:
                text.Append(' ');
                if (value.GetValueKind() == JsonValueKind.String)
                    text.Append(value.GetValue<string>());
                else
                    text.Append(value.ToJsonString());
                break;
        }
    }
}
