namespace Vigil.Features.Logs;

/// <summary>Log settings (section Logs): default retention, which a project's own limits override.</summary>
public sealed class LogsOptions
{
    public int RetentionDays { get; set; } = 30;
    /// <summary>Default size limit per project in bytes of stored message, properties and exception; 0 = none.</summary>
    public long MaxBytesPerProject { get; set; }
    public int DeleteBatchSize { get; set; } = 5_000;
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Events per stored block (docs/LOGS.md): larger blocks cost less to write, smaller
    /// ones let a rare word's search read less.</summary>
    public int BlockEvents { get; set; } = 512;
}
