using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Alerts.Delivery;

/// <summary>The real executable killed with SIGKILL between enqueue and delivery.</summary>
public sealed class DeliveryRestartTests(ProcessStoreFixture store) : IClassFixture<ProcessStoreFixture>
{
    private static readonly Dictionary<string, string> FastRetries = new()
    {
        ["VIGIL_ALERTS__RETRYDELAY"] = "00:00:01",
        ["VIGIL_ALERTS__MAXRETRYDELAY"] = "00:00:02",
        ["VIGIL_ALERTS__POLLINTERVAL"] = "00:00:00.5",
    };

    [Fact]
    public async Task ADeliveryOwedWhenTheServerIsKilledIsDeliveredOnceAfterRestart()
    {
        var token = (await store.RunJsonAsync("token", "create", "restart-test"))["token"]!.GetValue<string>();
        var port = HookReceiver.FreePort();
        long channel, delivery;
        await using (var first = await store.ServeAsync(FastRetries))
        {
            using var api = Client(first.BaseUrl, token);
            // The receiver is down: the first attempt is refused and the row waits for its retry.
            using var created = await api.PostAsJsonAsync("/api/projects/default/channels", new JsonObject
            {
                ["name"] = "restart hook", ["kind"] = "webhook",
                ["options"] = new JsonObject { ["url"] = $"http://127.0.0.1:{port}/hook", ["secret"] = "restart-signing-secret" },
            });
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            channel = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
            using var test = await api.PostAsync($"/api/channels/{channel}/test", null);
            delivery = JsonNode.Parse(await test.Content.ReadAsStringAsync())!["deliveryId"]!.GetValue<long>();
            await Eventually.GetAsync(() => GetAsync(api, $"/api/deliveries/{delivery}"), d => d["attempts"]!.GetValue<long>() >= 1, what: "a refused first attempt");
            await first.KillAsync();
        }

        await using var receiver = await HookReceiver.StartAsync(port: port);
        await using var second = await store.ServeAsync(FastRetries);
        using var again = Client(second.BaseUrl, token);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted), n => n >= 1, what: "the delivery after restart");
        var settled = await Eventually.GetAsync(() => GetAsync(again, $"/api/deliveries/{delivery}"), d => d["state"]!.GetValue<string>() == "delivered", what: "the row to be marked delivered");
        await Task.Delay(2000);

        var request = Assert.Single(receiver.Requests);
        // The signing secret was decrypted after the restart with the keys in DATA/keys.
        Assert.StartsWith("sha256=", request.Headers["X-Vigil-Signature"]);
        Assert.True(settled["attempts"]!.GetValue<long>() >= 2);
    }

    private static HttpClient Client(string baseUrl, string token)
    {
        var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<JsonNode> GetAsync(HttpClient http, string path) => JsonNode.Parse(await http.GetStringAsync(path))!;
}
