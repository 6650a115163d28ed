using System.Data.Common;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Vigil.Features.Alerts;
using Vigil.Features.Alerts.Delivery;
using Vigil.Infrastructure.Storage;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Alerts.Delivery;

public sealed class DeliveryWorkerTests(AlertsServer server) : IClassFixture<AlertsServer>
{
    [Fact]
    public async Task AHangingReceiverDoesNotDelayAnotherChannelsDelivery()
    {
        await using var hung = await HookReceiver.StartAsync();
        hung.Hang = true;
        await using var healthy = await HookReceiver.StartAsync();
        var slow = await server.CreateChannelAsync("webhook", new JsonObject { ["url"] = hung.Url });
        var fast = await server.CreateChannelAsync("webhook", new JsonObject { ["url"] = healthy.Url });

        var slowDelivery = await server.SendTestAsync(slow);
        await Eventually.GetAsync(() => Task.FromResult(hung.Requests.Count), n => n == 1, what: "the hung receiver to be called");
        var clock = Stopwatch.StartNew();
        var fastDelivery = await server.SendTestAsync(fast);
        await Eventually.GetAsync(() => Task.FromResult(healthy.Accepted), n => n == 1, TimeSpan.FromSeconds(10), "the healthy receiver");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"the healthy channel waited {clock.Elapsed} behind the hung one");
        Assert.Equal("delivered", (await server.SettledAsync(fastDelivery))["state"]!.GetValue<string>());
        Assert.Equal("sending", (await server.DeliveryAsync(slowDelivery))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task AHungAttemptTimesOutAndIsRetried()
    {
        await using var receiver = await HookReceiver.StartAsync();
        receiver.Hang = true;
        var channel = await server.CreateChannelAsync("webhook", new JsonObject { ["url"] = receiver.Url });
        var delivery = await server.SendTestAsync(channel);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Requests.Count), n => n == 1, what: "the first attempt");
        receiver.Hang = false;
        var settled = await server.SettledAsync(delivery);
        Assert.Equal("delivered", settled["state"]!.GetValue<string>());
        Assert.Equal(2, settled["attempts"]!.GetValue<long>());
    }

    [Fact]
    public async Task AReceiverThatKeepsFailingIsRetriedUntilMaxAttemptsThenFailed()
    {
        await using var receiver = await HookReceiver.StartAsync(status: 503);
        var channel = await server.CreateChannelAsync("webhook", new JsonObject { ["url"] = receiver.Url });
        var settled = await server.SettledAsync(await server.SendTestAsync(channel));
        Assert.Equal("failed", settled["state"]!.GetValue<string>());
        Assert.Equal(3, settled["attempts"]!.GetValue<long>());
        Assert.Equal("HTTP 503 Service Unavailable", settled["lastError"]!.GetValue<string>());
        // Backoff: the attempts are spread out, not fired back to back.
        var times = receiver.Requests.Select(r => r.At).ToList();
        Assert.True(times[2] - times[0] >= TimeSpan.FromSeconds(0.4), $"attempts came {times[2] - times[0]} apart");
    }

    [Fact]
    public async Task EnqueueingTheSameKeyTwiceDeliversOnce()
    {
        await using var receiver = await HookReceiver.StartAsync();
        var channel = await server.CreateChannelAsync("webhook", new JsonObject { ["url"] = receiver.Url });
        var outbox = server.Service<INotificationOutbox>();
        var message = new ChannelMessage(NotificationKind.Trigger, server.DefaultProject.Slug, "Once", []);
        var results = new List<bool>();
        for (var i = 0; i < 2; i++)
        {
            await using var connection = await server.Service<Database>().OpenAsync();
            await using DbTransaction transaction = await connection.BeginTransactionAsync();
            results.Add(await outbox.EnqueueAsync(connection, transaction, channel, message, "alert-7-trigger", 7));
            await transaction.CommitAsync();
        }
        Assert.Equal([true, false], results);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted), n => n == 1, what: "the delivery");
        await Task.Delay(1000);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task ARolledBackEnqueueSendsNothing()
    {
        await using var receiver = await HookReceiver.StartAsync();
        var channel = await server.CreateChannelAsync("webhook", new JsonObject { ["url"] = receiver.Url });
        await using (var connection = await server.Service<Database>().OpenAsync())
        {
            await using DbTransaction transaction = await connection.BeginTransactionAsync();
            await server.Service<INotificationOutbox>().EnqueueAsync(connection, transaction, channel,
                new ChannelMessage(NotificationKind.Trigger, "default", "Never", []), "rolled-back", null);
            await transaction.RollbackAsync();
        }
        await Task.Delay(1500);
        Assert.Empty(receiver.Requests);
        Assert.Empty((await server.GetJsonAsync($"/api/channels/{channel}/deliveries")).AsArray());
    }
}
