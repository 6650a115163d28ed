using System.Text.Json.Nodes;
using Vigil.Protocols.Otlp;

namespace Vigil.Protocols.Metrics;

/// <summary>
/// Walks ExportMetricsServiceRequest → ResourceMetrics → ScopeMetrics → Metric → data points
/// (field numbers from opentelemetry-proto's metrics.proto and metrics_service.proto). Fields may
/// come in any order, so each container notes where its children are and decodes them after its
/// own fields (a Sum's temporality may follow its points). A broken resource or scope container is
/// fatal; a broken metric or point inside an intact container is an error for it alone.
/// </summary>
internal sealed class OtlpMetricsProtobufReader
{
    private readonly List<OtlpMetric> _metrics = [];
    private readonly List<OtlpPointError> _errors = [];
    private int _noRecordedValue;

    public static OtlpMetricsBatch Read(ReadOnlySpan<byte> body)
    {
        var state = new OtlpMetricsProtobufReader();
        var reader = new ProtoReader(body, 0);
        var index = 0;
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var field, out var wire))
            {
                return OtlpMetricsBatch.FromFatal(reader.ToError("ExportMetricsServiceRequest"));
            }
            var ok = field == 1
                ? reader.Expect(wire, ProtoReader.Len, field) && reader.TryReadBytes(out var sub, out var at)
                  && state.ReadResourceMetrics(sub, at, $"resourceMetrics[{index++}]", ref reader)
                : reader.TrySkip(wire);
            if (!ok)
            {
                return OtlpMetricsBatch.FromFatal(reader.ToError("ExportMetricsServiceRequest"));
            }
        }
        return new OtlpMetricsBatch(state._metrics, state._errors, state._noRecordedValue, null);
    }

    private bool ReadResourceMetrics(ReadOnlySpan<byte> data, long offset, string path, ref ProtoReader outer)
    {
        var attributes = new JsonObject();
        if (!OtlpResourceReader.TryRead(data, offset, attributes, out var scopes, ref outer))
        {
            return false;
        }
        var resourceAttributes = OtlpAttributeText.ToDictionary(attributes);
        var index = 0;
        foreach (var range in scopes)
        {
            var (start, length) = range.GetOffsetAndLength(data.Length);
            if (!ReadScopeMetrics(data.Slice(start, length), offset + start, resourceAttributes, $"{path}.scopeMetrics[{index++}]", ref outer))
            {
                return false;
            }
        }
        return true;
    }

    private bool ReadScopeMetrics(ReadOnlySpan<byte> data, long offset, Dictionary<string, string> attributes, string path, ref ProtoReader outer)
    {
        var reader = new ProtoReader(data, offset);
        string? scopeName = null, scopeVersion = null;
        List<Range>? metrics = null;
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var field, out var wire))
            {
                return outer.Fail(reader.Error!, reader.ErrorOffset);
            }
            var ok = field switch
            {
                1 => reader.Expect(wire, ProtoReader.Len, field) && reader.TryReadBytes(out var scope, out var at)
                     && ReadScope(scope, at, ref reader, out scopeName, out scopeVersion),
                2 => reader.Expect(wire, ProtoReader.Len, field) && reader.TryReadBytes(out var metric, out var at2)
                     && Remember(ref metrics, at2 - offset, metric.Length),
                _ => reader.TrySkip(wire),
            };
            if (!ok)
            {
                return outer.Fail(reader.Error!, reader.ErrorOffset);
            }
        }
        var resource = new OtlpMetricResource(attributes, scopeName, scopeVersion);
        var index = 0;
        foreach (var range in metrics ?? [])
        {
            var (start, length) = range.GetOffsetAndLength(data.Length);
            ReadMetric(data.Slice(start, length), offset + start, resource, $"{path}.metrics[{index++}]");
        }
        return true;
    }

    private void ReadMetric(ReadOnlySpan<byte> data, long offset, OtlpMetricResource resource, string path)
    {
        var reader = new ProtoReader(data, offset);
        string name = "", description = "", unit = "";
        OtlpMetricType? type = null;
        var body = default(Range);
        var bodyOffset = 0L;
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var field, out var wire))
            {
                break;
            }
            var ok = field switch
            {
                1 => reader.Expect(wire, ProtoReader.Len, field) && OtlpProtoValues.TryReadString(ref reader, out name),
                2 => reader.Expect(wire, ProtoReader.Len, field) && OtlpProtoValues.TryReadString(ref reader, out description),
                3 => reader.Expect(wire, ProtoReader.Len, field) && OtlpProtoValues.TryReadString(ref reader, out unit),
                5 or 7 or 9 or 10 or 11 => reader.Expect(wire, ProtoReader.Len, field) && reader.TryReadBytes(out var inner, out bodyOffset)
                     && Remember(field, (int)(bodyOffset - offset), inner.Length, ref type, ref body),
                _ => reader.TrySkip(wire),
            };
            if (!ok)
            {
                break;
            }
        }
        if (reader.Error is not null)
        {
            _errors.Add(new OtlpPointError(path, $"Metric: {reader.Error}", reader.ErrorOffset));
            return;
        }
        if (type is not { } metricType)
        {
            return; // a metric with no data has no points to store or reject
        }
        var (start, length) = body.GetOffsetAndLength(data.Length);
        var label = name.Length == 0 ? path : $"{path} ({name})";
        ReadData(data.Slice(start, length), offset + start, metricType, name, description, unit, resource, label);
    }

    private void ReadData(ReadOnlySpan<byte> data, long offset, OtlpMetricType type, string name, string description, string unit,
        OtlpMetricResource resource, string path)
    {
        var reader = new ProtoReader(data, offset);
        var temporality = OtlpTemporality.Unspecified;
        var monotonic = false;
        List<Range>? points = null;
        while (!reader.AtEnd && reader.TryReadTag(out var field, out var wire))
        {
            ulong value = 0;
            var ok = field switch
            {
                1 => reader.Expect(wire, ProtoReader.Len, field) && reader.TryReadBytes(out var point, out var at)
                     && Remember(ref points, at - offset, point.Length),
                2 or 3 when type is not OtlpMetricType.Gauge and not OtlpMetricType.Summary =>
                    reader.Expect(wire, ProtoReader.Varint, field) && reader.TryReadVarint(out value),
                _ => reader.TrySkip(wire),
            };
            if (!ok)
            {
                break;
            }
            if (field == 2 && type is not OtlpMetricType.Gauge and not OtlpMetricType.Summary)
            {
                temporality = (OtlpTemporality)(int)Math.Min(value, int.MaxValue);
            }
            else if (field == 3 && type == OtlpMetricType.Sum)
            {
                monotonic = value != 0;
            }
        }
        var section = $"{path}.{OtlpMetricNames.DataField(type)}";
        if (reader.Error is not null)
        {
            _errors.Add(new OtlpPointError(section, reader.Error, reader.ErrorOffset));
            return;
        }
        var valid = new List<OtlpDataPoint>(points?.Count ?? 0);
        var index = 0;
        foreach (var range in points ?? [])
        {
            var (start, length) = range.GetOffsetAndLength(data.Length);
            var pointReader = new ProtoReader(data.Slice(start, length), offset + start);
            var draft = new OtlpPointDraft();
            var pointPath = $"{section}.dataPoints[{index++}]";
            if (!OtlpProtoPointFields.TryRead(type, ref pointReader, draft))
            {
                _errors.Add(new OtlpPointError(pointPath, pointReader.Error ?? "invalid protobuf", pointReader.ErrorOffset));
                continue;
            }
            Accept(type, temporality, monotonic, name, draft, pointPath, offset + start, valid);
        }
        if (valid.Count > 0)
        {
            _metrics.Add(new OtlpMetric(name, Empty(description), Empty(unit), type, temporality, monotonic, resource, valid));
        }
    }

    private void Accept(OtlpMetricType type, OtlpTemporality temporality, bool monotonic, string name, OtlpPointDraft draft,
        string path, long position, List<OtlpDataPoint> valid)
    {
        if (draft.NoRecordedValue)
        {
            _noRecordedValue++;
            return;
        }
        string? error = "the metric has no name";
        var point = name.Length == 0 ? null : OtlpPointValidator.Build(type, temporality, monotonic, draft, out error);
        if (point is null)
        {
            _errors.Add(new OtlpPointError(path, error!, position));
            return;
        }
        valid.Add(point);
    }

    private static bool ReadScope(ReadOnlySpan<byte> data, long offset, ref ProtoReader outer, out string? name, out string? version)
    {
        name = version = null;
        var reader = new ProtoReader(data, offset);
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var field, out var wire))
            {
                return outer.Fail(reader.Error!, reader.ErrorOffset);
            }
            string? text = null;
            var ok = field is 1 or 2
                ? reader.Expect(wire, ProtoReader.Len, field) && OtlpProtoValues.TryReadString(ref reader, out text!)
                : reader.TrySkip(wire);
            if (!ok)
            {
                return outer.Fail(reader.Error!, reader.ErrorOffset);
            }
            if (field == 1) name = text; else if (field == 2) version = text;
        }
        return true;
    }

    private static bool Remember(int field, int start, int length, ref OtlpMetricType? type, ref Range body)
    {
        // The data oneof: if a sender repeats it, the last one wins, as protobuf says for oneofs.
        type = OtlpMetricNames.FromField(field);
        body = new Range(start, start + length);
        return true;
    }

    private static bool Remember(ref List<Range>? ranges, long start, int length)
    {
        (ranges ??= []).Add(new Range((int)start, (int)start + length));
        return true;
    }

    private static string? Empty(string text) => text.Length == 0 ? null : text;
}
