using System.Text.Json.Nodes;

namespace Vigil.Tests.Features.Alerts.Channels;

public sealed class TeamsChannelTests(AlertsServer server) : HttpChannelContract(server)
{
    private const string Token = "workflows/sig=teamssecret42abcdef";

    protected override string Kind => "teams";
    protected override string Secret => Token;
    protected override int AcceptStatus => 202;

    protected override JsonObject Options(string url) => new() { ["url"] = $"{url}/{Token}" };

    [Fact]
    public async Task TheMessageIsAnAdaptiveCardAttachment()
    {
        var channel = await Server.CreateChannelAsync(Kind, Options(Receiver.Url));
        await Server.SettledAsync(await Server.SendTestAsync(channel));
        var body = JsonNode.Parse(Assert.Single(Receiver.Requests).Body)!;
        Assert.Equal("message", body["type"]!.GetValue<string>());
        var attachment = body["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        Assert.Equal("AdaptiveCard", attachment["content"]!["type"]!.GetValue<string>());
    }
}
