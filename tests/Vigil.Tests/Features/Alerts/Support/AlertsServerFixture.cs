using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Features.Alerts.Delivery;
using Vigil.Features.Alerts.Engine;
using Vigil.Features.Projects;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Alerts.Support;

/// <summary>The real server with the stand-in outbox and channel directory and a hand-moved clock. The worker and
/// the scheduler run only when a test calls them (their intervals are an hour), so tests say when time passes.</summary>
public class AlertsServerFixture : VigilServerFixture
{
    public RecordingOutbox Outbox { get; } = new();
    public RecordingChannelDirectory Channels { get; } = new();
    public ManualClock Clock { get; } = new();
    public Notifications Sent => new(Outbox);

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Alerts:WorkerInterval", "01:00:00"),
        new("Alerts:EvaluationInterval", "01:00:00"),
    ];

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<INotificationOutbox>(Outbox);
        services.AddSingleton<IChannelDirectory>(Channels);
        services.AddSingleton<TimeProvider>(Clock);
    }

    public Task RunWorkerAsync() => Service<AlertWorker>().RunOnceAsync();

    public Task EvaluateRulesAsync() => Service<RuleScheduler>().EvaluateAllAsync();

    public async Task<JsonNode> PostJsonAsync(string path, object body)
    {
        using var response = await Api.Http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    public async Task<JsonNode> PutJsonAsync(string path, object body)
    {
        using var response = await Api.Http.PutAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"PUT {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Routes every severity of <paramref name="slug"/> through the given levels (channel ids, minutes after firing).</summary>
    public Task<JsonNode> RouteAsync(string slug, int repeatMinutes, int? maxPerHour, params (long[] Channels, int After)[] levels)
    {
        var route = levels.Select(l => new { channels = l.Channels, afterMinutes = l.After }).ToArray();
        return PutJsonAsync($"/api/projects/{slug}/alert-routing", new
        {
            severities = new Dictionary<string, object> { ["critical"] = route, ["error"] = route, ["warning"] = route, ["info"] = route },
            repeatMinutes,
            maxPerChannelPerHour = maxPerHour,
        });
    }

    public Task<JsonNode> CreateRuleAsync(string slug, string name, string kind, string severity, object parameters, object? labels = null) =>
        PostJsonAsync($"/api/projects/{slug}/alert-rules", new { name, kind, severity, parameters, labels });

    public async Task<JsonArray> AlertsAsync(string slug, string query = "") =>
        (await GetJsonAsync($"/api/projects/{slug}/alerts{query}")).AsArray();

    public Task<JsonNode> AlertAsync(long id) => GetJsonAsync($"/api/alerts/{id}");

    /// <summary>The history kinds of an alert, in order.</summary>
    public async Task<List<string>> HistoryAsync(long id) =>
        (await AlertAsync(id))["history"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()).ToList();

    /// <summary>POST /api/alerts with a project key.</summary>
    public async Task<HttpResponseMessage> SendExternalAsync(string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/alerts") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Vigil-Key", key);
        return await Http.SendAsync(request);
    }

    public async Task<long> TriggerExternalAsync(string key, string dedupKey, string severity = "critical", string summary = "disk full")
    {
        using var response = await SendExternalAsync(key, new { dedupKey, severity, summary });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!["id"]!.GetValue<long>();
    }
}
