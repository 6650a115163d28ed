namespace Vigil.Features.Alerts.Delivery;

/// <summary>Exponential backoff with jitter: the n-th retry waits RetryDelay × 3^(n-1), capped at
/// MaxRetryDelay, ±20 % so many deliveries failing together do not retry in lockstep. A receiver's
/// Retry-After wins when it asks for longer (within the cap).</summary>
public static class RetrySchedule
{
    public static TimeSpan Delay(DeliveryOptions options, long attemptsMade, TimeSpan? retryAfter, Random random)
    {
        var exponent = Math.Min(Math.Max(attemptsMade - 1, 0), 20);
        var seconds = Math.Min(options.RetryDelay.TotalSeconds * Math.Pow(3, exponent), options.MaxRetryDelay.TotalSeconds);
        seconds *= 0.8 + random.NextDouble() * 0.4;
        if (retryAfter is { } asked && asked.TotalSeconds > seconds)
            seconds = Math.Min(asked.TotalSeconds, options.MaxRetryDelay.TotalSeconds);
        return TimeSpan.FromSeconds(seconds);
    }
}
