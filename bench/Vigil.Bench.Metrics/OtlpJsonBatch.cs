using System.Buffers;
using System.Text.Json;

namespace Vigil.Bench.Metrics;

/// <summary>An OTLP/JSON ExportMetricsServiceRequest of delta counter points with explicit
/// timestamps: one point per minute per tag value, for back-filling history through /v1/metrics.</summary>
public static class OtlpJsonBatch
{
    public static byte[] DeltaCounter(string name, string tag, int tagValues, long fromMinuteMs, int minutes, Random random)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("resourceMetrics");
            json.WriteStartObject();
            json.WriteStartObject("resource");
            json.WriteStartArray("attributes");
            WriteAttribute(json, "service.name", "bench");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartArray("scopeMetrics");
            json.WriteStartObject();
            json.WriteStartArray("metrics");
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteStartObject("sum");
            json.WriteNumber("aggregationTemporality", 1);
            json.WriteBoolean("isMonotonic", true);
            json.WriteStartArray("dataPoints");
            for (var m = 0; m < minutes; m++)
            {
                var end = (fromMinuteMs + (m + 1) * 60_000L) * 1_000_000;
                for (var t = 0; t < tagValues; t++)
                {
                    json.WriteStartObject();
                    json.WriteString("startTimeUnixNano", (end - 60_000_000_000L).ToString());
                    json.WriteString("timeUnixNano", (end - 1).ToString()); // inside the minute it counts
                    json.WriteString("asInt", random.Next(1, 100).ToString());
                    json.WriteStartArray("attributes");
                    WriteAttribute(json, tag, "v" + t.ToString("D2"));
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteAttribute(Utf8JsonWriter json, string key, string value)
    {
        json.WriteStartObject();
        json.WriteString("key", key);
        json.WriteStartObject("value");
        json.WriteString("stringValue", value);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
