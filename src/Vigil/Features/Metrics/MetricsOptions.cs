namespace Vigil.Features.Metrics;

/// <summary>Statistics settings (section Metrics, VIGIL_METRICS__…). Every one is in the README.</summary>
public sealed class MetricsOptions
{
    /// <summary>New series a project may create; past it a sample for a new series is rejected (reason "cardinality").</summary>
    public int MaxSeriesPerProject { get; set; } = 10_000;
    /// <summary>Per-project overrides of <see cref="MaxSeriesPerProject"/>, by slug (Metrics:SeriesLimits:shop=50000).</summary>
    public Dictionary<string, int> SeriesLimits { get; set; } = [];

    public TimeSpan RawRetention { get; set; } = TimeSpan.FromDays(7);
    public TimeSpan MinuteRetention { get; set; } = TimeSpan.FromDays(90);
    public TimeSpan HourRetention { get; set; } = TimeSpan.FromDays(730);
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromMinutes(10);
    public int DeleteBatchSize { get; set; } = 5_000;

    /// <summary>StatsD UDP port; 0 = off.</summary>
    public int StatsdPort { get; set; } = 8125;
    /// <summary>StatsD TCP port (newline-framed); 0 = off.</summary>
    public int StatsdTcpPort { get; set; }
    public string StatsdAddress { get; set; } = "127.0.0.1";
    /// <summary>Bytes asked of the kernel for the UDP receive buffer (Linux caps it at net.core.rmem_max).</summary>
    public int StatsdReceiveBuffer { get; set; } = 8 * 1024 * 1024;
    /// <summary>UDP receive sockets, each read by its own thread into its own aggregates (Linux spreads
    /// senders over them with SO_REUSEPORT); 0 = one per core, at most 4. Other systems use one.</summary>
    public int StatsdReceivers { get; set; }
    /// <summary>The project of lines that name none (by tag or prefix).</summary>
    public string StatsdProject { get; set; } = "default";
    /// <summary>Read a leading "&lt;slug&gt;." of a metric name as its project when such a project exists.</summary>
    public bool StatsdPrefixProjects { get; set; }
    /// <summary>How often aggregated StatsD lines are written (one point per series per 10-second bucket).</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Series the StatsD aggregator holds in memory; lines for more are rejected (reason "cardinality").</summary>
    public int StatsdMaxSeries { get; set; } = 200_000;

    public int StatsdReceiveThreads() =>
        !OperatingSystem.IsLinux() ? 1 : StatsdReceivers > 0 ? StatsdReceivers : Math.Clamp(Environment.ProcessorCount, 1, 4);
}
