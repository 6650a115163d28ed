using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Alerts;

/// <summary>The real server with a fast outbox (retries after ~0.2 s, a 5 s attempt timeout) and its
/// logs captured, plus the API calls the channel tests share.</summary>
public class AlertsServer : VigilServerFixture
{
    public LogCapture Logs { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Alerts:RetryDelay", "00:00:00.2"),
        new("Alerts:MaxRetryDelay", "00:00:01"),
        new("Alerts:PollInterval", "00:00:00.5"),
        new("Alerts:DeliveryTimeout", "00:00:05"),
        new("Alerts:MaxAttempts", "3"),
    ];

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(Logs);

    /// <summary>Creates a channel through the API and returns its id.</summary>
    public async Task<long> CreateChannelAsync(string kind, JsonObject options, string? name = null)
    {
        using var response = await Api.Http.PostAsJsonAsync($"/api/projects/{DefaultProject.Slug}/channels",
            new JsonObject { ["name"] = name ?? $"{kind} {Guid.NewGuid():N}"[..20], ["kind"] = kind, ["options"] = options });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"creating a {kind} channel answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["id"]!.GetValue<long>();
    }

    /// <summary>Presses "send test" through the API; returns the delivery id.</summary>
    public async Task<long> SendTestAsync(long channelId)
    {
        using var response = await Api.Http.PostAsync($"/api/channels/{channelId}/test", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"test answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["deliveryId"]!.GetValue<long>();
    }

    public async Task<JsonObject> DeliveryAsync(long id) => (await GetJsonAsync($"/api/deliveries/{id}")).AsObject();

    /// <summary>Waits until the delivery is delivered or failed and returns it.</summary>
    public Task<JsonObject> SettledAsync(long id, TimeSpan? timeout = null) => Eventually.GetAsync(
        () => DeliveryAsync(id),
        d => d["state"]!.GetValue<string>() is "delivered" or "failed",
        timeout ?? TimeSpan.FromSeconds(30),
        $"delivery {id} to settle");
}
