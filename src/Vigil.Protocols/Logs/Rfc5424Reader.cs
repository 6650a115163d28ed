using System.Globalization;
using System.Text.Json.Nodes;

namespace Vigil.Protocols.Logs;

/// <summary>
/// RFC 5424 after "&lt;PRI&gt;1 ": TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA [MSG],
/// where "-" is the nil value. Structured data is kept as
/// <c>structuredData: { "sd-id": { "param": "value" } }</c>.
/// </summary>
internal static class Rfc5424Reader
{
    private const char Bom = '\uFEFF';

    private static readonly string[] FieldNames = ["TIMESTAMP", "HOSTNAME", "APP-NAME", "PROCID", "MSGID", "STRUCTURED-DATA"];

    public static ParseError? Read(string text, int pos, LogRecordBuilder record)
    {
        var timestampAt = pos;
        var fields = new string[5];
        for (var i = 0; i < fields.Length; i++)
        {
            var space = text.IndexOf(' ', pos);
            if (space < 0)
            {
                return new ParseError($"RFC 5424 header ends before {FieldNames[i + 1]}", text.Length);
            }
            fields[i] = text[pos..space];
            pos = space + 1;
        }
        if (fields[0] != "-")
        {
            if (!DateTimeOffset.TryParse(fields[0], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var time))
            {
                return new ParseError($"invalid RFC 5424 TIMESTAMP '{fields[0]}'", timestampAt);
            }
            record.Timestamp = time;
        }
        if (fields[1] != "-")
        {
            record.Host = fields[1];
        }
        if (fields[2] != "-")
        {
            record.Service = fields[2];
            record.Properties["appname"] = fields[2];
        }
        if (fields[3] != "-")
        {
            if (int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                record.ProcessId = pid;
            }
            else
            {
                record.Properties["procid"] = fields[3];
            }
        }
        if (fields[4] != "-")
        {
            record.Properties["msgid"] = fields[4];
        }
        if (pos >= text.Length)
        {
            return new ParseError("RFC 5424 header ends before STRUCTURED-DATA", pos);
        }
        if (text[pos] == '-')
        {
            pos++;
        }
        else
        {
            var structured = new JsonObject();
            if (SyslogStructuredData.Read(text, ref pos, structured) is { } error)
            {
                return error;
            }
            record.Properties["structuredData"] = structured;
        }
        if (pos < text.Length && text[pos] != ' ')
        {
            return new ParseError("expected a space after STRUCTURED-DATA", pos);
        }
        var message = pos < text.Length ? text[(pos + 1)..] : "";
        record.Message = message.Length > 0 && message[0] == Bom ? message[1..] : message;
        return null;
    }
}
