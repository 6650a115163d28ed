using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Logs.Storage;

/// <summary>Acknowledge only what is durable: a SIGKILL right after the last 200 loses no log event.</summary>
public sealed class LogKillDurabilityTests(ProcessStoreFixture store) : IClassFixture<ProcessStoreFixture>
{
    [Fact]
    public async Task EveryAcknowledgedLogEventSurvivesAKill()
    {
        var project = await store.RunJsonAsync("project", "create", "Durable Logs");
        var token = (await store.RunJsonAsync("token", "create", "durability"))["token"]!.GetValue<string>();
        var key = new Uri(project["dsn"]!.GetValue<string>()).UserInfo;
        var slug = project["slug"]!.GetValue<string>();

        var acknowledged = new ConcurrentBag<string>();
        await using (var server = await store.ServeAsync())
        {
            using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
            // Four senders of small batches, so the kill lands among group commits.
            await Task.WhenAll(Enumerable.Range(0, 4).Select(async sender =>
            {
                for (var i = 0; i < 40; i++)
                {
                    var ids = Enumerable.Range(0, 5).Select(n => $"s{sender}-b{i}-n{n}").ToList();
                    var body = string.Join('\n', ids.Select(id => new JsonObject { ["msg"] = "durable " + id, ["uid"] = id }.ToJsonString()));
                    using var response = await LogsClient.PostAsync(http, "/api/logs", body, key);
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    foreach (var id in ids)
                        acknowledged.Add(id);
                }
            }));
            await server.KillAsync();
        }

        await using var restarted = await store.ServeAsync();
        using var api = new VigilApi(restarted.BaseUrl, token);
        var stored = (await LogsClient.SearchAsync(api, "", slug)).Select(e => e!["properties"]!["uid"]!.GetValue<string>()).ToHashSet();
        var lost = acknowledged.Where(id => !stored.Contains(id)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged log events were lost");
        Assert.Equal(800, stored.Count);
    }
}
