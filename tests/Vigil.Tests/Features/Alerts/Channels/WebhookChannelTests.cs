using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Vigil.Tests.Features.Alerts.Channels;

public sealed class WebhookChannelTests(AlertsServer server) : HttpChannelContract(server)
{
    private const string SigningSecret = "whsec-0123456789abcdef";
    private const string HeaderSecret = "Bearer hdr-secret-9f8e7d6c";

    protected override string Kind => "webhook";
    protected override string Secret => SigningSecret;

    protected override JsonObject Options(string url) => new()
    {
        ["url"] = url + "/hook",
        ["secret"] = SigningSecret,
        ["headers"] = new JsonObject { ["Authorization"] = HeaderSecret },
    };

    [Fact]
    public async Task TheBodyIsSignedWithTheChannelSecretAndCarriesTheDocumentedPayload()
    {
        var channel = await Server.CreateChannelAsync(Kind, Options(Receiver.Url));
        await Server.SettledAsync(await Server.SendTestAsync(channel));
        var request = Assert.Single(Receiver.Requests);
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SigningSecret), request.Body));
        Assert.Equal(expected, request.Headers["X-Vigil-Signature"]);
        Assert.True(long.TryParse(request.Headers["X-Vigil-Timestamp"], out _));
        Assert.Equal(HeaderSecret, request.Headers["Authorization"]);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal(1, body["version"]!.GetValue<int>());
        Assert.Equal("test", body["kind"]!.GetValue<string>());
        Assert.Equal(Server.DefaultProject.Slug, body["project"]!.GetValue<string>());
        var alert = body["alerts"]![0]!;
        foreach (var field in new[] { "id", "dedupKey", "severity", "status", "title", "summary", "details", "firedAt", "url" })
            Assert.NotNull(alert[field]);
        Assert.Equal("info", alert["severity"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheHeaderSecretIsMaskedAndAnEditSendingTheMaskKeepsIt()
    {
        var channel = await Server.CreateChannelAsync(Kind, Options(Receiver.Url));
        var shown = (await Server.GetJsonAsync($"/api/channels/{channel}")).AsObject();
        Assert.DoesNotContain(HeaderSecret, shown.ToJsonString());
        Assert.DoesNotContain(SigningSecret, shown.ToJsonString());
        // Send back what the API showed (masks included), with a new name.
        shown["name"] = "renamed";
        using var put = await Server.Api.Http.PutAsync($"/api/channels/{channel}",
            new StringContent(new JsonObject { ["name"] = "renamed", ["options"] = shown["options"]!.DeepClone() }.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        await Server.SettledAsync(await Server.SendTestAsync(channel));
        var request = Assert.Single(Receiver.Requests);
        Assert.Equal(HeaderSecret, request.Headers["Authorization"]);
        Assert.StartsWith("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SigningSecret), request.Body)), request.Headers["X-Vigil-Signature"]);
    }

    [Fact]
    public async Task SecretsAreEncryptedAtRest()
    {
        var channel = await Server.CreateChannelAsync(Kind, Options(Receiver.Url));
        await using var connection = await Server.Service<Vigil.Infrastructure.Storage.Database>().OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT options FROM alert_channels WHERE id = {channel}";
        var stored = (string)(await command.ExecuteScalarAsync())!;
        Assert.DoesNotContain(SigningSecret, stored);
        Assert.DoesNotContain("hdr-secret", stored);
        Assert.Contains("/hook", stored);
    }
}
