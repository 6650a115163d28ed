using Microsoft.Extensions.Options;
using Vigil.Features.Alerts.Channels;
using Vigil.Features.Alerts.Storage;

namespace Vigil.Features.Alerts.Delivery;

/// <summary>Delivers the outbox. Each claimed row is sent on its own task with its own timeout, so a
/// slow or hanging channel holds one slot and never delays another delivery. Rows left pending or
/// with an expired lease by a crash are claimed again after a restart (at least once).</summary>
public sealed class DeliveryWorker(
    DeliveryStore deliveries,
    ChannelStore channels,
    ChannelRegistry registry,
    DeliveryWakeup wakeup,
    IOptions<DeliveryOptions> settings,
    TimeProvider clock,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    private const int MaxErrorLength = 300;

    private readonly DeliveryOptions _options = settings.Value;
    private readonly Random _random = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(Math.Max(1, _options.MaxConcurrentDeliveries));
        var running = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ClaimAndStartAsync(slots, running, stoppingToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // A database hiccup must not stop deliveries for good; the next poll tries again.
                logger.LogError(failure, "Looking for due alert deliveries failed");
            }
            running.RemoveAll(t => t.IsCompleted);
            await wakeup.WaitAsync(_options.PollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task ClaimAndStartAsync(SemaphoreSlim slots, List<Task> running, CancellationToken stoppingToken)
    {
        var free = slots.CurrentCount;
        if (free == 0)
            return;
        var now = clock.GetUtcNow();
        foreach (var id in await deliveries.DueAsync(now.ToUnixTimeMilliseconds(), free, stoppingToken))
        {
            var lease = (now + _options.Lease).ToUnixTimeMilliseconds();
            if (await deliveries.TryClaimAsync(id, now.ToUnixTimeMilliseconds(), lease, stoppingToken) is not { } claim)
                continue;
            await slots.WaitAsync(stoppingToken);
            running.Add(Task.Run(async () =>
            {
                try
                {
                    await DeliverAsync(claim, stoppingToken);
                }
                finally
                {
                    slots.Release();
                    // A freed slot may let the next due row go now rather than at the next poll.
                    wakeup.Poke();
                }
            }, CancellationToken.None));
        }
    }

    private async Task DeliverAsync(DeliveryStore.Claimed claim, CancellationToken stoppingToken)
    {
        var earlier = Remainder.FromJson(claim.Remainder);
        var (outcome, secrets) = await AttemptAsync(claim, earlier, stoppingToken);
        if (stoppingToken.IsCancellationRequested && outcome.Kind != OutcomeKind.Delivered)
            return; // Shutting down: leave the lease to expire so the next start retries it.
        var now = clock.GetUtcNow();
        var (state, next, reason, remainder) = Settle(claim, outcome, earlier, now);
        var error = reason is null ? null : Scrub(reason, secrets);
        if (state != DeliveryState.Delivered || error is not null)
            logger.LogWarning("Alert delivery {DeliveryId} on channel {ChannelId}, attempt {Attempt}: {Error}; now {State}",
                claim.Id, claim.ChannelId, claim.Attempts, error, state);
        await deliveries.FinishAsync(claim, state, next.ToUnixTimeMilliseconds(), error, remainder?.ToJson(), now.ToUnixTimeMilliseconds(),
            CancellationToken.None);
    }

    /// <summary>The row's next state, last error and remainder. A message that some recipients have ends
    /// delivered even when the others never get it (attempts used up, refused for good, channel gone), as a
    /// partial delivery refused for good does: "failed" would say nobody has it. Its last error names who does not.</summary>
    private (string State, DateTimeOffset Next, string? Reason, Remainder? Remainder) Settle(DeliveryStore.Claimed claim, DeliveryOutcome outcome,
        Remainder? earlier, DateTimeOffset now)
    {
        if (outcome.Kind == OutcomeKind.Delivered)
            return (DeliveryState.Delivered, now, outcome.Reason, outcome.Remainder);
        // A failure without an account of its own (a lost connection) leaves what is owed as it was, and
        // keeps the earlier account in front of its reason.
        var remainder = outcome.Remainder ?? earlier;
        var reason = outcome.Remainder is null && earlier is not null ? $"{earlier.Report}; then: {outcome.Reason}" : outcome.Reason;
        return outcome.Kind switch
        {
            OutcomeKind.Retryable when claim.Attempts < _options.MaxAttempts =>
                (DeliveryState.Pending, now + RetrySchedule.Delay(_options, claim.Attempts, outcome.RetryAfter, _random), reason, remainder),
            OutcomeKind.Retryable when remainder is not null =>
                (DeliveryState.Delivered, now, $"{reason}; gave up after {claim.Attempts} attempts", remainder),
            _ when remainder is not null => (DeliveryState.Delivered, now, reason, remainder),
            _ => (DeliveryState.Failed, now, reason, remainder),
        };
    }

    private async Task<(DeliveryOutcome Outcome, IReadOnlyList<string> Secrets)> AttemptAsync(DeliveryStore.Claimed claim, Remainder? earlier,
        CancellationToken stoppingToken)
    {
        var channel = await channels.GetAsync(claim.ChannelId, stoppingToken);
        if (channel is null)
            return (DeliveryOutcome.Fail("the channel was deleted"), []);
        if (!channel.Enabled)
            return (DeliveryOutcome.Fail("the channel is disabled"), []);
        var plugin = registry.Find(channel.Kind);
        if (plugin is null)
            return (DeliveryOutcome.Fail($"unknown channel kind '{channel.Kind}'"), []);
        var secrets = ChannelSecrets.Values(plugin, channel.Options).ToList();
        var options = plugin.Validate(channel.Options);
        if (!options.IsValid)
            return (DeliveryOutcome.Fail("the channel's options are invalid: " + string.Join(" ", options.Problems.SelectMany(p => p.Value))), secrets);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        attempt.CancelAfter(_options.DeliveryTimeout);
        try
        {
            var message = MessageJson.Deserialize(claim.Message);
            return (await plugin.SendAsync(message, options.Options!, earlier, attempt.Token), secrets);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return (DeliveryOutcome.Retry($"timed out after {_options.DeliveryTimeout.TotalSeconds:0.#} s"), secrets);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // Exception messages can carry URLs; the type is enough to go on, the log has no more either.
            return (DeliveryOutcome.Retry($"{plugin.Kind} channel failed: {failure.GetType().Name}"), secrets);
        }
    }

    /// <summary>Belt and braces: channels build reasons without secrets, and any secret that slipped in anyway is cut out.</summary>
    public static string Scrub(string reason, IEnumerable<string> secrets)
    {
        foreach (var secret in secrets)
            reason = reason.Replace(secret, ChannelSecrets.Mask, StringComparison.Ordinal);
        return reason.Length <= MaxErrorLength ? reason : reason[..(MaxErrorLength - 1)] + "…";
    }
}
