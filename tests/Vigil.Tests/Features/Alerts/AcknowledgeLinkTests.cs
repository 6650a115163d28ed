using System.Net;
using System.Text.RegularExpressions;
using Vigil.Features.Alerts.Delivery;
using Vigil.Features.Alerts.Engine;
using Vigil.Tests.Features.Alerts.Support;

namespace Vigil.Tests.Features.Alerts;

/// <summary>The signed acknowledge link in notifications: GET shows, POST acknowledges, forged and expired links are refused.</summary>
public sealed partial class AcknowledgeLinkTests(AlertsServerFixture server) : IClassFixture<AlertsServerFixture>
{
    [Fact]
    public async Task GettingTheLinkChangesNothingAndConfirmingAcknowledgesFromThatChannel()
    {
        var (project, key) = await server.CreateProjectAsync("Ack link");
        var pager = server.Channels.Add(project.Id, "pager");
        var id = await server.TriggerExternalAsync(key.PublicKey, "api:5xx");
        var url = server.Sent.OfKind(pager.Id, NotificationKind.Trigger).Single().Notices.Single().AcknowledgeUrl!;

        using var browser = NewBrowser();
        using var page = await browser.GetAsync(url);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("ack-confirm", html);
        Assert.Equal("firing", (await server.AlertAsync(id))["alert"]!["status"]!.GetValue<string>());

        using var confirm = await browser.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Antiforgery(html) }));
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Contains("ack-done", await confirm.Content.ReadAsStringAsync());
        var detail = await server.AlertAsync(id);
        Assert.Equal("acknowledged", detail["alert"]!["status"]!.GetValue<string>());
        var entry = detail["history"]!.AsArray().Single(e => e!["kind"]!.GetValue<string>() == "acknowledged")!;
        Assert.Equal($"acknowledged via link from channel {pager.Id} (pager)", entry["detail"]!.GetValue<string>());
        Assert.Single(server.Sent.OfKind(pager.Id, NotificationKind.Acknowledge));
    }

    [Fact]
    public async Task ATamperedLinkIsRefusedWith400AndAClearPage()
    {
        var token = server.Service<AckLinks>().Token(1, 1);
        using var browser = NewBrowser();
        using var page = await browser.GetAsync($"/alerts/ack/{token[..^4]}AAAA");
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("not valid", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnExpiredLinkIsRefusedWith410AndDoesNotAcknowledge()
    {
        var (_, key) = await server.CreateProjectAsync("Expired link");
        var id = await server.TriggerExternalAsync(key.PublicKey, "old");
        var token = server.Service<AckLinks>().Token(id, 1, TimeSpan.FromSeconds(-1));
        using var browser = NewBrowser();
        using var page = await browser.GetAsync($"/alerts/ack/{token}");
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("expired", html);
        // A valid link's page supplies the form token; the expired link must still refuse the POST.
        var valid = await browser.GetStringAsync($"/alerts/ack/{server.Service<AckLinks>().Token(id, 1)}");
        using var post = await browser.PostAsync($"/alerts/ack/{token}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Antiforgery(valid) }));
        Assert.Equal(HttpStatusCode.Gone, post.StatusCode);
        Assert.Equal("firing", (await server.AlertAsync(id))["alert"]!["status"]!.GetValue<string>());
    }

    private HttpClient NewBrowser() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(server.BaseUrl) };

    private static string Antiforgery(string html) => TokenPattern().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
