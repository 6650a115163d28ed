using System.Net;
using Vigil.Tests.Support;
using static Vigil.Tests.Support.SentryPayloads;

namespace Vigil.Tests.Features.Errors.Storage;

/// <summary>Acknowledge only what is durable: a SIGKILL right after the last 200 loses nothing.</summary>
public sealed class KillDurabilityTests(ProcessStoreFixture store) : IClassFixture<ProcessStoreFixture>
{
    [Fact]
    public async Task EveryAcknowledgedEventSurvivesAKill()
    {
        var project = await store.RunJsonAsync("project", "create", "Durable");
        var token = (await store.RunJsonAsync("token", "create", "durability"))["token"]!.GetValue<string>();
        var projectId = project["id"]!.GetValue<long>();
        var publicKey = new Uri(project["dsn"]!.GetValue<string>()).UserInfo;

        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
        await using (var server = await store.ServeAsync())
        {
            using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
            // Four senders, so the kill lands among group commits of several envelopes.
            await Task.WhenAll(Enumerable.Range(0, 4).Select(async sender =>
            {
                for (var i = 0; i < 50; i++)
                {
                    var ev = Exception("Durable", $"sender {sender} event {i}");
                    using var response = await SentryIngestClient.SendEnvelopeAsync(http, projectId, publicKey, EventEnvelope(ev));
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    acknowledged.Add(EventIdOf(ev));
                }
            }));
            await server.KillAsync();
        }

        await using var restarted = await store.ServeAsync();
        using var api = new VigilApi(restarted.BaseUrl, token);
        var stored = await api.StoredEventIdsAsync(project["slug"]!.GetValue<string>());
        var lost = acknowledged.Where(id => !stored.Contains(id)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged events were lost");
        Assert.Equal(200, Assert.Single(await api.IssuesAsync(project["slug"]!.GetValue<string>()))!["count"]!.GetValue<long>());
    }
}
