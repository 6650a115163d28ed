namespace Vigil.Infrastructure.Hosting;

/// <summary>Every setting Vigil reads, bound from the configuration root (appsettings.json,
/// VIGIL_-prefixed environment variables, command-line flags). The README lists each one.</summary>
public sealed class VigilOptions
{
    public string Data { get; set; } = "./vigil-data";
    public string Storage { get; set; } = "sqlite";
    public string? Connection { get; set; }
    public string? PublicUrl { get; set; }
    public string Urls { get; set; } = "http://127.0.0.1:5080";
    public AdminOptions Admin { get; set; } = new();
    public IngestOptions Ingest { get; set; } = new();
    public RetentionOptions Retention { get; set; } = new();

    /// <summary>The base URL that DSNs and links are built from.</summary>
    public string ResolvePublicUrl()
    {
        var url = PublicUrl;
        if (string.IsNullOrWhiteSpace(url))
            url = Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "http://127.0.0.1:5080";
        return url.TrimEnd('/');
    }
}

public sealed class AdminOptions
{
    public string Email { get; set; } = "admin@vigil.local";
    /// <summary>Used only when the first start creates the admin account; otherwise a random one is printed.</summary>
    public string? Password { get; set; }
}

public sealed class IngestOptions
{
    /// <summary>Envelopes waiting for the batch writer; past this, senders get 429.</summary>
    public int QueueCapacity { get; set; } = 20_000;
    public int MaxBatchSize { get; set; } = 1_000;
    public long MaxEnvelopeBytes { get; set; } = 20 * 1024 * 1024;
    // Lower than Sentry's 100 MB: Vigil drops attachments, and a gzip bomb costs at most this much memory.
    public long MaxDecompressedBytes { get; set; } = 20 * 1024 * 1024;
    public long MaxEventBytes { get; set; } = 1024 * 1024;
    public int RetryAfterSeconds { get; set; } = 5;
}

public sealed class RetentionOptions
{
    public int EventDays { get; set; } = 90;
    public int DeleteBatchSize { get; set; } = 2_000;
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);
}
