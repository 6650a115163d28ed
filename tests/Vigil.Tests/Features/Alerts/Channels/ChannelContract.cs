using System.Text.Json.Nodes;

namespace Vigil.Tests.Features.Alerts.Channels;

/// <summary>What every channel must do, run once per channel (STYLE.md): deliver, retry a transient
/// failure and then succeed, give up at once on a permanent one, and never show or store its secret.
/// A subclass supplies a real receiver and options that point the channel at it.</summary>
public abstract class ChannelContract(AlertsServer server) : IClassFixture<AlertsServer>
{
    protected AlertsServer Server { get; } = server;

    protected abstract string Kind { get; }

    /// <summary>A secret value the options carry (a key, a password, a URL path token).</summary>
    protected abstract string Secret { get; }

    public enum Behaviour { Accept, FailOnceThenAccept, Reject }

    /// <summary>Starts a receiver behaving as asked and returns options pointing at it.</summary>
    protected abstract Task<JsonObject> ReceiverAsync(Behaviour behaviour);

    /// <summary>Messages the receiver has accepted so far.</summary>
    protected abstract Task<int> AcceptedAsync();

    [Fact]
    public async Task ATestNotificationIsDelivered()
    {
        var channel = await Server.CreateChannelAsync(Kind, await ReceiverAsync(Behaviour.Accept));
        var delivery = await Server.SettledAsync(await Server.SendTestAsync(channel));
        Assert.Equal("delivered", delivery["state"]!.GetValue<string>());
        Assert.Equal(1, delivery["attempts"]!.GetValue<long>());
        Assert.Equal(1, await AcceptedAsync());
    }

    [Fact]
    public async Task ATransientFailureIsRetriedAndThenDelivered()
    {
        var channel = await Server.CreateChannelAsync(Kind, await ReceiverAsync(Behaviour.FailOnceThenAccept));
        var delivery = await Server.SettledAsync(await Server.SendTestAsync(channel));
        Assert.Equal("delivered", delivery["state"]!.GetValue<string>());
        Assert.Equal(2, delivery["attempts"]!.GetValue<long>());
        Assert.Equal(1, await AcceptedAsync());
    }

    [Fact]
    public async Task APermanentFailureFailsWithoutRetrying()
    {
        var channel = await Server.CreateChannelAsync(Kind, await ReceiverAsync(Behaviour.Reject));
        var delivery = await Server.SettledAsync(await Server.SendTestAsync(channel));
        Assert.Equal("failed", delivery["state"]!.GetValue<string>());
        Assert.Equal(1, delivery["attempts"]!.GetValue<long>());
        Assert.False(string.IsNullOrEmpty(delivery["lastError"]?.GetValue<string>()));
    }

    [Fact]
    public async Task TheSecretNeverAppearsInApiOutputErrorsOrLogs()
    {
        var channel = await Server.CreateChannelAsync(Kind, await ReceiverAsync(Behaviour.Reject));
        var delivery = await Server.SettledAsync(await Server.SendTestAsync(channel));
        // JSON escapes some characters (\u2022, \u002B); unescape so a secret cannot hide behind an escape.
        var seen = System.Text.RegularExpressions.Regex.Unescape(string.Join('\n',
            delivery.ToJsonString(),
            (await Server.GetJsonAsync($"/api/channels/{channel}")).ToJsonString(),
            (await Server.GetJsonAsync($"/api/projects/{Server.DefaultProject.Slug}/channels")).ToJsonString(),
            (await Server.GetJsonAsync($"/api/channels/{channel}/deliveries")).ToJsonString(),
            Server.Logs.Text));
        Assert.DoesNotContain(Secret, seen);
        var options = (await Server.GetJsonAsync($"/api/channels/{channel}"))["options"]!.AsObject();
        Assert.Contains(options, o => o.Value is JsonValue v && v.TryGetValue<string>(out var text) && text.StartsWith("••••", StringComparison.Ordinal));
    }
}
