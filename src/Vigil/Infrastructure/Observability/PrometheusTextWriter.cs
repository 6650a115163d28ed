using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Vigil.Infrastructure.Observability;

/// <summary>Renders <see cref="VigilMetrics"/> in the Prometheus text exposition format 0.0.4.</summary>
public static class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(VigilMetrics metrics)
    {
        var text = new StringBuilder();
        WriteCounter(text, metrics.Accepted);
        WriteCounter(text, metrics.Rejected);
        Header(text, "vigil_ingest_queue_depth", "Items waiting for the batch writer, by stream.", "gauge");
        foreach (var (stream, depth) in metrics.QueueDepths())
            Sample(text, "vigil_ingest_queue_depth", [("stream", stream)], depth);
        WriteHistogram(text, metrics.BatchCommitSeconds);
        using var process = Process.GetCurrentProcess();
        Header(text, "process_resident_memory_bytes", "Resident memory size in bytes.", "gauge");
        Sample(text, "process_resident_memory_bytes", [], process.WorkingSet64);
        Header(text, "process_cpu_seconds_total", "User and system CPU time spent, in seconds.", "counter");
        Sample(text, "process_cpu_seconds_total", [], process.TotalProcessorTime.TotalSeconds);
        Header(text, "dotnet_gc_heap_bytes", "Bytes in the managed heap.", "gauge");
        Sample(text, "dotnet_gc_heap_bytes", [], GC.GetTotalMemory(false));
        Header(text, "dotnet_gc_collections_total", "Garbage collections, by generation.", "counter");
        for (var generation = 0; generation <= GC.MaxGeneration; generation++)
            Sample(text, "dotnet_gc_collections_total", [("generation", generation.ToString(CultureInfo.InvariantCulture))], GC.CollectionCount(generation));
        Header(text, "dotnet_gc_pause_seconds_total", "Time the runtime was paused for garbage collection, in seconds.", "counter");
        Sample(text, "dotnet_gc_pause_seconds_total", [], GC.GetTotalPauseDuration().TotalSeconds);
        Header(text, "dotnet_gc_allocated_bytes_total", "Bytes allocated on the managed heap.", "counter");
        Sample(text, "dotnet_gc_allocated_bytes_total", [], GC.GetTotalAllocatedBytes());
        Header(text, "dotnet_jit_methods_total", "Methods compiled by the JIT, tier-ups included.", "counter");
        Sample(text, "dotnet_jit_methods_total", [], System.Runtime.JitInfo.GetCompiledMethodCount());
        Header(text, "dotnet_jit_seconds_total", "Time spent compiling methods, in seconds.", "counter");
        Sample(text, "dotnet_jit_seconds_total", [], System.Runtime.JitInfo.GetCompilationTime().TotalSeconds);
        return text.ToString();
    }

    private static void WriteCounter(StringBuilder text, LabelledCounter counter)
    {
        Header(text, counter.Name, counter.Help, "counter");
        foreach (var (label1, label2, value) in counter.Snapshot().OrderBy(s => s.Label1).ThenBy(s => s.Label2))
        {
            var labels = new List<(string, string)> { (counter.LabelNames[0], label1) };
            if (counter.LabelNames.Count > 1)
                labels.Add((counter.LabelNames[1], label2));
            Sample(text, counter.Name, labels, value);
        }
    }

    private static void WriteHistogram(StringBuilder text, LabelledHistogram histogram)
    {
        Header(text, histogram.Name, histogram.Help, "histogram");
        foreach (var (label, cumulative, count, sum) in histogram.Snapshot())
        {
            for (var i = 0; i < cumulative.Length; i++)
                Sample(text, histogram.Name + "_bucket",
                    [(histogram.LabelName, label), ("le", histogram.Bounds[i].ToString(CultureInfo.InvariantCulture))], cumulative[i]);
            Sample(text, histogram.Name + "_bucket", [(histogram.LabelName, label), ("le", "+Inf")], count);
            Sample(text, histogram.Name + "_sum", [(histogram.LabelName, label)], sum);
            Sample(text, histogram.Name + "_count", [(histogram.LabelName, label)], count);
        }
    }

    private static void Header(StringBuilder text, string name, string help, string type) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder text, string name, IReadOnlyList<(string Name, string Value)> labels, double value)
    {
        text.Append(name);
        if (labels.Count > 0)
        {
            text.Append('{');
            for (var i = 0; i < labels.Count; i++)
            {
                if (i > 0)
                    text.Append(',');
                text.Append(labels[i].Name).Append("=\"").Append(Escape(labels[i].Value)).Append('"');
            }
            text.Append('}');
        }
        text.Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
}
