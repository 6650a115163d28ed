using System.Text.Json.Nodes;

namespace Vigil.Protocols.Otlp;

/// <summary>
/// The part ResourceLogs and ResourceMetrics share: field 1 is the resource (its attributes), field 2
/// repeats the scopes. Scopes are remembered as ranges and read afterwards, because the resource may
/// come after them on the wire and every record needs its attributes.
/// </summary>
internal static class OtlpResourceReader
{
    /// <summary>Reads the resource's attributes into <paramref name="attributes"/> and the scopes' ranges
    /// (relative to <paramref name="data"/>); a failure is reported on <paramref name="outer"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, long offset, JsonObject attributes, out List<Range> scopes, ref ProtoReader outer)
    {
        var reader = new ProtoReader(data, offset);
        var found = new List<Range>();
        scopes = found;
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var field, out var wire))
                return outer.Fail(reader.Error!, reader.ErrorOffset);
            var ok = field switch
            {
                1 => reader.Expect(wire, ProtoReader.Len, field) && reader.TryReadBytes(out var resource, out var at)
                     && OtlpProtoValues.TryReadKeyValues(resource, at, keyValueField: 1, attributes, 0, ref reader),
                2 => reader.Expect(wire, ProtoReader.Len, field) && reader.TryReadBytes(out var scope, out var scopeAt)
                     && Add(found, scopeAt - offset, scope.Length),
                _ => reader.TrySkip(wire),
            };
            if (!ok)
                return outer.Fail(reader.Error!, reader.ErrorOffset);
        }
        return true;
    }

    private static bool Add(List<Range> ranges, long start, int length)
    {
        ranges.Add(new Range((int)start, (int)start + length));
        return true;
    }
}
