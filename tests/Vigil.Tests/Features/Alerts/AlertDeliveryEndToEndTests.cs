using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Vigil.Tests.Support;
using static Vigil.Tests.Support.SentryPayloads;

namespace Vigil.Tests.Features.Alerts;

/// <summary>The whole path with real parts: a Sentry event or an external alert, the engine, the
/// durable outbox, a webhook channel, and a real HTTP receiver on loopback.</summary>
public sealed class AlertDeliveryEndToEndTests(VigilServerFixture server) : IClassFixture<VigilServerFixture>
{
    [Fact]
    public async Task ANewIssueReachesTheWebhookAndTheSignedLinkInItAcknowledgesTheAlert()
    {
        await using var receiver = await HookReceiver.StartAsync();
        var (project, key) = await server.CreateProjectAsync("End to end");
        var channel = await CreateWebhookAsync(server.Api.Http, project.Slug, receiver.Url);
        await PutAsync($"/api/projects/{project.Slug}/alert-routing", new { severities = new Dictionary<string, object> { ["error"] = new[] { new { channels = new[] { channel } } } } });
        await PostAsync($"/api/projects/{project.Slug}/alert-rules", new { name = "New issues", kind = "issue_created", severity = "error", parameters = new { } });

        using (var sent = await server.SendEnvelopeAsync(EventEnvelope(Exception("LedgerMismatchException", "ledger 7 is off by 3")), key))
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);

        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted), n => n >= 1, what: "the trigger at the webhook");
        var trigger = JsonNode.Parse(receiver.Requests[0].Text)!;
        Assert.StartsWith("sha256=", receiver.Requests[0].Headers["X-Vigil-Signature"]);
        var alert = trigger["alerts"]![0]!;
        Assert.Contains("LedgerMismatchException", alert["title"]!.GetValue<string>());
        Assert.Equal("error", alert["severity"]!.GetValue<string>());
        var link = alert["acknowledgeUrl"]!.GetValue<string>();

        // The link works without signing in: GET shows a form, POST (with its antiforgery token) acknowledges.
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies };
        using var person = new HttpClient(handler);
        var page = await person.GetStringAsync(link);
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using (var confirmed = await person.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })))
            Assert.True(confirmed.IsSuccessStatusCode, await confirmed.Content.ReadAsStringAsync());

        var id = alert["id"]!.GetValue<long>();
        var detail = await Eventually.GetAsync(() => server.GetJsonAsync($"/api/alerts/{id}"),
            d => d["alert"]!["status"]!.GetValue<string>() == "acknowledged", what: "the alert acknowledged");
        Assert.Contains(detail["history"]!.AsArray(), e => e!["kind"]!.GetValue<string>().Contains("ack", StringComparison.OrdinalIgnoreCase));
        // The channel that was told it fired is told it was acknowledged.
        await Eventually.GetAsync(() => Task.FromResult(receiver.Requests.Select(r => JsonNode.Parse(r.Text)!["kind"]!.GetValue<string>()).ToList()),
            kinds => kinds.Contains("acknowledge"), what: "the acknowledgement at the webhook");
    }

    private async Task<long> CreateWebhookAsync(HttpClient api, string slug, string url) =>
        (await PostAsync($"/api/projects/{slug}/channels", new { name = "e2e hook", kind = "webhook", options = new { url, secret = "e2e-signing-secret" } }))["id"]!.GetValue<long>();

    private async Task<JsonNode> PostAsync(string path, object body)
    {
        using var response = await server.Api.Http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private async Task PutAsync(string path, object body)
    {
        using var response = await server.Api.Http.PutAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}

/// <summary>The real executable killed with SIGKILL after an alert fired and before its notification
/// could be delivered (the receiver was down).</summary>
public sealed class AlertRestartTests(ProcessStoreFixture store) : IClassFixture<ProcessStoreFixture>
{
    private static readonly Dictionary<string, string> FastRetries = new()
    {
        ["VIGIL_ALERTS__RETRYDELAY"] = "00:00:01",
        ["VIGIL_ALERTS__MAXRETRYDELAY"] = "00:00:02",
        ["VIGIL_ALERTS__POLLINTERVAL"] = "00:00:00.5",
    };

    [Fact]
    public async Task AnAlertFiredBeforeAKillIsDeliveredOnceAfterRestartAndItsRepeatIsDeduplicated()
    {
        var token = (await store.RunJsonAsync("token", "create", "alert-restart"))["token"]!.GetValue<string>();
        var port = HookReceiver.FreePort();
        string projectKey;
        await using (var first = await store.ServeAsync(FastRetries))
        {
            using var api = Client(first.BaseUrl, token);
            var channel = await PostAsync(api, "/api/projects/default/channels", new
            {
                name = "restart hook", kind = "webhook", options = new { url = $"http://127.0.0.1:{port}/hook", secret = "restart-secret" },
            });
            using (var routed = await api.PutAsJsonAsync("/api/projects/default/alert-routing",
                new { severities = new Dictionary<string, object> { ["critical"] = new[] { new { channels = new[] { channel["id"]!.GetValue<long>() } } } } }))
                Assert.True(routed.IsSuccessStatusCode, await routed.Content.ReadAsStringAsync());
            projectKey = (await store.RunJsonAsync("project", "list"))[0]!["dsn"]!.GetValue<string>().Split("//")[1].Split('@')[0];
            var fired = await PostAlertAsync(first.BaseUrl, projectKey);
            Assert.False(fired["deduplicated"]!.GetValue<bool>());
            // The receiver is down, so the trigger waits in the outbox when the server dies.
            await Task.Delay(1500);
            await first.KillAsync();
        }

        await using var receiver = await HookReceiver.StartAsync(port: port);
        await using var second = await store.ServeAsync(FastRetries);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted), n => n >= 1, what: "the trigger after restart");
        var again = await PostAlertAsync(second.BaseUrl, projectKey);
        Assert.True(again["deduplicated"]!.GetValue<bool>());
        await Task.Delay(2500);

        var request = Assert.Single(receiver.Requests);
        Assert.Contains("payments-db-disk", request.Text);
    }

    private static async Task<JsonNode> PostAlertAsync(string baseUrl, string projectKey)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        http.DefaultRequestHeaders.Add("X-Vigil-Key", projectKey);
        return await PostAsync(http, "/api/alerts", new { dedupKey = "payments-db-disk", severity = "critical", summary = "payments-db-disk is 97% full" });
    }

    private static async Task<JsonNode> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private static HttpClient Client(string baseUrl, string token)
    {
        var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
