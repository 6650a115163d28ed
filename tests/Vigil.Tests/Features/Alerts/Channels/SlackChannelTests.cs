using System.Text.Json.Nodes;

namespace Vigil.Tests.Features.Alerts.Channels;

public sealed class SlackChannelTests(AlertsServer server) : HttpChannelContract(server)
{
    private const string Token = "T000/B000/slacktoken1234567890";

    protected override string Kind => "slack";
    protected override string Secret => Token;
    protected override int RejectStatus => 404;

    protected override JsonObject Options(string url) => new() { ["url"] = $"{url}/services/{Token}" };

    [Fact]
    public async Task TheMessageHasTextAndAColouredAttachmentWithLinks()
    {
        var channel = await Server.CreateChannelAsync(Kind, Options(Receiver.Url));
        await Server.SettledAsync(await Server.SendTestAsync(channel));
        var body = JsonNode.Parse(Assert.Single(Receiver.Requests).Body)!;
        Assert.StartsWith("[TEST]", body["text"]!.GetValue<string>());
        var attachment = body["attachments"]![0]!;
        Assert.StartsWith("#", attachment["color"]!.GetValue<string>());
        Assert.Equal("actions", attachment["blocks"]![1]!["type"]!.GetValue<string>());
        Assert.Contains("/channels", attachment["blocks"]![1]!["elements"]![0]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheWebhookUrlIsShownWithItsLastFourCharactersOnly()
    {
        var channel = await Server.CreateChannelAsync(Kind, Options(Receiver.Url));
        var url = (await Server.GetJsonAsync($"/api/channels/{channel}"))["options"]!["url"]!.GetValue<string>();
        Assert.Equal("••••7890", url);
    }
}
