namespace Vigil.Features.Logs;

/// <summary>Log settings (section Logs): default retention, which a project's own limits override.</summary>
public sealed class LogsOptions
{
    public int RetentionDays { get; set; } = 30;
    /// <summary>Default size limit per project in bytes of stored message, properties and exception; 0 = none.</summary>
    public long MaxBytesPerProject { get; set; }
    public int DeleteBatchSize { get; set; } = 5_000;
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>SQLite: a search whose required word matches at most this many events starts from the
    /// full-text index instead of walking the time index (docs/LOGS.md); 0 = always walk.</summary>
    public int FullTextFirstLimit { get; set; } = 20_000;
}
