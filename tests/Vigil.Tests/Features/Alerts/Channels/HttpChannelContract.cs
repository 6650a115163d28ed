using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Alerts.Channels;

/// <summary>The channel contract over a real loopback HTTP receiver: 5xx is the transient failure,
/// <see cref="RejectStatus"/> the permanent one.</summary>
public abstract class HttpChannelContract(AlertsServer server) : ChannelContract(server), IAsyncLifetime
{
    protected HookReceiver Receiver { get; private set; } = null!;

    protected virtual int AcceptStatus => 200;
    protected virtual int RejectStatus => 400;

    /// <summary>Options pointing the channel at <paramref name="url"/>.</summary>
    protected abstract JsonObject Options(string url);

    protected override async Task<JsonObject> ReceiverAsync(Behaviour behaviour)
    {
        Receiver.Status = behaviour == Behaviour.Reject ? RejectStatus : AcceptStatus;
        if (behaviour == Behaviour.FailOnceThenAccept)
            Receiver.Then(500);
        return Options(Receiver.Url);
    }

    protected override Task<int> AcceptedAsync() => Task.FromResult(Receiver.Accepted);

    public async Task InitializeAsync() => Receiver = await HookReceiver.StartAsync();

    public async Task DisposeAsync() => await Receiver.DisposeAsync();
}
