using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Vigil.Infrastructure.Ingest;

/// <summary>Per-project ingest limits (items per minute), each a token bucket refilled every second.</summary>
public sealed class ProjectRateLimiter : IDisposable
{
    private readonly ConcurrentDictionary<(long Project, int Limit), TokenBucketRateLimiter> _buckets = new();

    /// <summary>Takes <paramref name="items"/> tokens; false when the project is over its limit.</summary>
    public bool TryAcquire(long projectId, int? limitPerMinute, int items = 1) =>
        TryAcquire(projectId, limitPerMinute, items, out _);

    /// <summary>As <see cref="TryAcquire(long, int?, int)"/>, and when refused, how long until the bucket has
    /// the tokens again (at least a second: Retry-After counts whole seconds).</summary>
    public bool TryAcquire(long projectId, int? limitPerMinute, int items, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (limitPerMinute is not > 0)
            return true;
        var bucket = _buckets.GetOrAdd((projectId, limitPerMinute.Value), key => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = key.Limit,
            // Refill limit/60 tokens a second; under 60 a minute that rounds to zero, so refill one token
            // every 60/limit seconds instead (rounding up to one a second would allow 60 a minute).
            TokensPerPeriod = Math.Max(1, key.Limit / 60),
            ReplenishmentPeriod = key.Limit >= 60 ? TimeSpan.FromSeconds(1) : TimeSpan.FromMinutes(1) / key.Limit,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        using var lease = bucket.AttemptAcquire(Math.Min(items, limitPerMinute.Value));
        if (lease.IsAcquired)
            return true;
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.FromSeconds(1) ? wait : TimeSpan.FromSeconds(1);
        return false;
    }

    public void Dispose()
    {
        foreach (var bucket in _buckets.Values)
            bucket.Dispose();
    }
}
