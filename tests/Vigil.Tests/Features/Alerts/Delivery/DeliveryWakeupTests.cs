using System.Data.Common;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Vigil.Features.Alerts.Delivery;
using Vigil.Infrastructure.Storage;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Alerts.Delivery;

/// <summary>A server whose fallback poll is a minute long, so only the wake-up can deliver quickly.</summary>
public sealed class SlowPollServer : AlertsServer
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [.. base.Settings, new("Alerts:PollInterval", "00:01:00")];
}

public sealed class DeliveryWakeupTests(SlowPollServer server) : IClassFixture<SlowPollServer>
{
    [Fact]
    public async Task ANotificationCommittedInTheCallersTransactionGoesOutWithoutWaitingForThePoll()
    {
        await using var receiver = await HookReceiver.StartAsync();
        var channel = await server.CreateChannelAsync("webhook", new JsonObject { ["url"] = receiver.Url });
        await using var connection = await server.Service<Database>().OpenAsync();
        await using DbTransaction transaction = await connection.BeginTransactionAsync();
        await server.Service<INotificationOutbox>().EnqueueAsync(connection, transaction, channel,
            new ChannelMessage(NotificationKind.Trigger, server.DefaultProject.Slug, "Now", []), "wake-1", null);
        // The worker cannot see the row before the commit; the wake-up must come after it.
        await Task.Delay(300);
        var clock = Stopwatch.StartNew();
        await transaction.CommitAsync();
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted), n => n == 1, TimeSpan.FromSeconds(20), "the delivery");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"the delivery took {clock.Elapsed} after the commit");
    }
}
