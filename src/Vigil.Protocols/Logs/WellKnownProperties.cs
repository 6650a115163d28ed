using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Protocols.Logs;

/// <summary>
/// Promotes the properties every format spells differently (<c>service.name</c>, <c>Application</c>,
/// <c>MachineName</c>, <c>RequestId</c>…) into the record's indexed fields and removes them from
/// the property bag, so a query for the service finds it whichever client sent it.
/// A field already set by the format's own header (CLEF <c>@tr</c>, OTLP trace_id) wins.
/// </summary>
internal static class WellKnownProperties
{
    internal enum Field { Service, Host, ProcessId, RequestId, Environment, TraceId, SpanId }

    private static readonly FrozenDictionary<string, Field> Names = new Dictionary<string, Field>
    {
        ["service.name"] = Field.Service, ["Application"] = Field.Service, ["service"] = Field.Service,
        ["host.name"] = Field.Host, ["MachineName"] = Field.Host, ["hostname"] = Field.Host,
        ["process.pid"] = Field.ProcessId, ["ProcessId"] = Field.ProcessId, ["pid"] = Field.ProcessId,
        ["RequestId"] = Field.RequestId, ["request_id"] = Field.RequestId,
        ["http.request.id"] = Field.RequestId, ["requestId"] = Field.RequestId,
        ["deployment.environment.name"] = Field.Environment, ["deployment.environment"] = Field.Environment,
        ["Environment"] = Field.Environment, ["env"] = Field.Environment,
        ["TraceId"] = Field.TraceId, ["trace_id"] = Field.TraceId, ["traceId"] = Field.TraceId,
        ["SpanId"] = Field.SpanId, ["span_id"] = Field.SpanId, ["spanId"] = Field.SpanId,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // The names as UTF-8 by length, for keys still in a request's bytes: a key of a length no name
    // has is ruled out at once, the others by a byte compare or two.
    private static readonly (byte[] Name, Field Field)[][] NamesByLength = Enumerable.Range(0, Names.Keys.Max(n => n.Length) + 1)
        .Select(length => Names.Where(n => n.Key.Length == length).Select(n => (System.Text.Encoding.UTF8.GetBytes(n.Key), n.Value)).ToArray())
        .ToArray();

    /// <summary>Which field a property of this UTF-8 name is promoted to, if any.</summary>
    public static bool IsWellKnown(ReadOnlySpan<byte> name, out Field field)
    {
        field = default;
        if (name.Length >= NamesByLength.Length)
            return false;
        foreach (var (candidate, to) in NamesByLength[name.Length])
        {
            if (name.SequenceEqual(candidate))
            {
                field = to;
                return true;
            }
        }
        return false;
    }

    public static void Promote(JsonObject properties, LogRecordBuilder record)
    {
        List<string>? taken = null;
        foreach (var (key, value) in properties)
        {
            if (Names.TryGetValue(key, out var field) && value is JsonValue scalar && TryAssign(field, scalar, record))
            {
                (taken ??= []).Add(key);
            }
        }
        if (taken is not null)
        {
            foreach (var key in taken)
            {
                properties.Remove(key);
            }
        }
    }

    private static bool TryAssign(Field field, JsonValue value, LogRecordBuilder record)
    {
        switch (field)
        {
            case Field.ProcessId:
                if (record.ProcessId is null && TryInt(value, out var pid))
                {
                    record.ProcessId = pid;
                    return true;
                }
                return false;
            case Field.TraceId:
                if (record.TraceId is null && TryString(value) is { } trace && HexIds.TryNormalize(trace, 32, out var traceHex))
                {
                    record.TraceId = traceHex;
                    return true;
                }
                return false;
            case Field.SpanId:
                if (record.SpanId is null && TryString(value) is { } span && HexIds.TryNormalize(span, 16, out var spanHex))
                {
                    record.SpanId = spanHex;
                    return true;
                }
                return false;
        }
        if (TryString(value) is not { Length: > 0 } text)
        {
            return false;
        }
        switch (field)
        {
            case Field.Service when record.Service is null: record.Service = text; return true;
            case Field.Host when record.Host is null: record.Host = text; return true;
            case Field.RequestId when record.RequestId is null: record.RequestId = text; return true;
            case Field.Environment when record.Environment is null: record.Environment = text; return true;
            default: return false;
        }
    }

    // Request ids are sometimes numbers; other fields are text only.
    private static string? TryString(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.Number => value.ToJsonString(),
        _ => null,
    };

    private static bool Narrow(long wide, out int result)
    {
        result = (int)wide;
        return true;
    }

    private static bool TryInt(JsonValue value, out int result)
    {
        result = 0;
        return value.GetValueKind() switch
        {
            // Values decoded from OTLP hold a long, values parsed from JSON text an element.
            JsonValueKind.Number => value.TryGetValue(out result)
                || (value.TryGetValue(out long wide) && wide is >= 0 and <= int.MaxValue && Narrow(wide, out result)),
            JsonValueKind.String => int.TryParse(value.GetValue<string>(), NumberStyles.None, CultureInfo.InvariantCulture, out result),
            _ => false,
        };
    }
}
