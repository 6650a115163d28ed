using System.Data.Common;
using System.Text.Json.Nodes;
using Vigil.Features.Alerts;
using Vigil.Features.Alerts.Delivery;
using Vigil.Infrastructure.Storage;

namespace Vigil.Tests.Features.Alerts.Channels;

public sealed class PagerDutyChannelTests(AlertsServer server) : HttpChannelContract(server)
{
    private const string RoutingKey = "R0UT1NGKEYpagerduty0000000abcd";

    protected override string Kind => "pagerduty";
    protected override string Secret => RoutingKey;
    protected override int AcceptStatus => 202;

    protected override JsonObject Options(string url) => new() { ["routingKey"] = RoutingKey, ["url"] = url + "/v2/enqueue" };

    [Fact]
    public async Task TriggerAcknowledgeAndResolveCarryTheSameDedupKey()
    {
        var channel = await Server.CreateChannelAsync(Kind, Options(Receiver.Url));
        var outbox = Server.Service<INotificationOutbox>();
        var alert = new AlertNotice(42, "disk-full", AlertSeverity.Critical, "Disk full on db-1", "97% used",
            new Dictionary<string, string> { ["host"] = "db-1" }, "firing", DateTimeOffset.UtcNow, "http://vigil.test/alerts/42", "http://vigil.test/ack/signed");
        foreach (var kind in new[] { NotificationKind.Trigger, NotificationKind.Acknowledge, NotificationKind.Resolve })
        {
            await using var connection = await Server.Service<Database>().OpenAsync();
            await using DbTransaction transaction = await connection.BeginTransactionAsync();
            Assert.True(await outbox.EnqueueAsync(connection, transaction, channel, new ChannelMessage(kind, "default", "Disk full", [alert]), $"alert-42-{kind}", 42));
            await transaction.CommitAsync();
            // One at a time, so the receiver sees them in this order.
            await Vigil.Tests.Support.Eventually.GetAsync(() => Task.FromResult(Receiver.Accepted), n => n == (int)kind, what: $"the {kind} event");
        }
        var events = Receiver.Requests.Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.Equal(["trigger", "acknowledge", "resolve"], events.Select(e => e["event_action"]!.GetValue<string>()));
        Assert.All(events, e => Assert.Equal("default/disk-full", e["dedup_key"]!.GetValue<string>()));
        Assert.All(events, e => Assert.Equal(RoutingKey, e["routing_key"]!.GetValue<string>()));
        Assert.Equal("critical", events[0]["payload"]!["severity"]!.GetValue<string>());
        Assert.Equal("http://vigil.test/ack/signed", events[0]["links"]![1]!["href"]!.GetValue<string>());
    }
}
