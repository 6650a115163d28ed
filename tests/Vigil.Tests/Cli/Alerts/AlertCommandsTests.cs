using System.Text.Json.Nodes;
using Vigil.Features.Alerts.Delivery;
using Vigil.Tests.Features.Alerts.Support;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli.Alerts;

/// <summary>`vigil alert` raises and resolves alerts, `vigil alert ack|resolve ID` acts on one: the real executable against a running server.</summary>
public sealed class AlertCommandsTests(AlertsServerFixture server) : IClassFixture<AlertsServerFixture>
{
    [Fact]
    public async Task AlertRaisesWithDetailsThenDeduplicatesThenResolves()
    {
        var (project, key) = await server.CreateProjectAsync("Cli alert");
        var ops = server.Channels.Add(project.Id, "ops");

        var (exit, stdout, stderr) = await VigilProcess.RunAsync("alert", "backup failed on db1", "--severity", "critical", "--dedup-key", "backup:db1",
            "--details", "host=db1", "--details", "exit=3", "--url", server.BaseUrl, "--key", key.PublicKey, "--json");
        Assert.True(exit == 0, stderr);
        var raised = JsonNode.Parse(stdout)!;
        var id = raised["id"]!.GetValue<long>();
        var alert = (await server.AlertAsync(id))["alert"]!;
        Assert.Equal("critical", alert["severity"]!.GetValue<string>());
        Assert.Equal("db1", alert["details"]!["host"]!.GetValue<string>());
        Assert.Equal("vigil-cli", alert["source"]!.GetValue<string>());

        (exit, stdout, _) = await VigilProcess.RunAsync("alert", "backup failed on db1", "--dedup-key", "backup:db1", "--url", server.BaseUrl, "--key", key.PublicKey);
        Assert.Equal(0, exit);
        Assert.Contains("(deduplicated)", stdout);

        (exit, _, stderr) = await VigilProcess.RunAsync("alert", "--resolve", "--dedup-key", "backup:db1", "--url", server.BaseUrl, "--key", key.PublicKey);
        Assert.True(exit == 0, stderr);
        Assert.Equal("resolved", (await server.AlertAsync(id))["alert"]!["status"]!.GetValue<string>());
        Assert.Single(server.Sent.OfKind(ops.Id, NotificationKind.Trigger));
    }

    [Fact]
    public async Task AckAndResolveActOnAnAlertById()
    {
        var (project, key) = await server.CreateProjectAsync("Cli ack");
        var ops = server.Channels.Add(project.Id, "ops");
        var id = await server.TriggerExternalAsync(key.PublicKey, "api:latency");
        var token = await server.CreateTokenAsync("cli");

        var (exit, stdout, stderr) = await VigilProcess.RunAsync("alert", "ack", id.ToString(), "--url", server.BaseUrl, "--token", token);
        Assert.True(exit == 0, stderr);
        Assert.Contains("acknowledged", stdout);
        Assert.Single(server.Sent.OfKind(ops.Id, NotificationKind.Acknowledge));

        (exit, _, stderr) = await VigilProcess.RunAsync("alert", "resolve", id.ToString(), "--reason", "scaled up", "--url", server.BaseUrl, "--token", token);
        Assert.True(exit == 0, stderr);
        Assert.Equal("scaled up", (await server.AlertAsync(id))["alert"]!["resolveReason"]!.GetValue<string>());

        (exit, _, stderr) = await VigilProcess.RunAsync("alert", "ack", "999999", "--url", server.BaseUrl, "--token", token);
        Assert.Equal(3, exit);
        Assert.Contains("No alert 999999", stderr);
    }

    [Fact]
    public async Task ABadSeverityExitsWithTheUsageCodeAndSaysWhy()
    {
        var (exit, _, stderr) = await VigilProcess.RunAsync("alert", "x", "--severity", "urgent", "--dedup-key", "k", "--url", server.BaseUrl, "--key", server.DefaultKey.PublicKey);
        Assert.Equal(2, exit);
        Assert.Contains("severity", stderr);
    }
}
