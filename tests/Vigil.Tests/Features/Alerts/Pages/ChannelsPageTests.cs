using Microsoft.Playwright;
using Vigil.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Tests.Features.Alerts.Pages;

/// <summary>The channels page in headless Chromium, against a real loopback webhook receiver.</summary>
public sealed class ChannelsPageTests(AlertsServer server, ChromiumFixture chromium)
    : IClassFixture<AlertsServer>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task AWebhookChannelAddedOnThePageDeliversItsTest()
    {
        await using var receiver = await HookReceiver.StartAsync();
        var page = await chromium.SignedInPageAsync(server);
        await page.GotoAsync($"/projects/{server.DefaultProject.Slug}/channels");
        await page.ClickAsync("a.button:has-text('Webhook')");
        await page.FillAsync("input[name=name]", "page hook");
        await page.FillAsync("input[name='o.url']", receiver.Url + "/from-page");
        await page.FillAsync("input[name='o.secret']", "page-signing-secret");
        await page.ClickAsync("#channel-form button[type=submit]");
        await Expect(page.Locator("#channels tr", new() { HasText = "page hook" })).ToHaveCountAsync(1);

        await page.Locator("#channels tr", new() { HasText = "page hook" }).Locator("button.send-test").ClickAsync();
        await Expect(page.Locator("#test-state")).ToHaveTextAsync("delivered");
        Assert.Equal("/from-page", Assert.Single(receiver.Requests).Path);
        await page.ReloadAsync();
        await Expect(page.Locator("#deliveries tbody tr").First).ToContainTextAsync("delivered");
        await ChromiumFixture.ScreenshotAsync(page, "alert-channels");
    }

    [Fact]
    public async Task EditingShowsSecretsOnlyAsMasksAndKeepsThem()
    {
        await using var receiver = await HookReceiver.StartAsync();
        var id = await server.CreateChannelAsync("slack", new System.Text.Json.Nodes.JsonObject { ["url"] = receiver.Url + "/services/T0/B0/sl4cks3cretXYZW" }, "masked slack");
        var page = await chromium.SignedInPageAsync(server);
        await page.GotoAsync($"/projects/{server.DefaultProject.Slug}/channels?edit={id}");
        Assert.DoesNotContain("sl4cks3cret", await page.ContentAsync());
        await Expect(page.Locator("input[name='o.url']")).ToHaveAttributeAsync("placeholder", "••••XYZW (unchanged)");
        await page.FillAsync("input[name=name]", "renamed slack");
        await page.ClickAsync("#channel-form button[type=submit]");
        await Expect(page.Locator("#channels tr", new() { HasText = "renamed slack" })).ToHaveCountAsync(1);
        await server.SettledAsync(await server.SendTestAsync(id));
        Assert.Equal("/services/T0/B0/sl4cks3cretXYZW", Assert.Single(receiver.Requests).Path);
    }

    [Fact]
    public async Task AnInvalidFormShowsTheProblem()
    {
        var page = await chromium.SignedInPageAsync(server);
        await page.GotoAsync($"/projects/{server.DefaultProject.Slug}/channels?add=webhook");
        await page.FillAsync("input[name=name]", "bad hook");
        await page.FillAsync("input[name='o.url']", "ftp://example.com/x");
        await page.ClickAsync("#channel-form button[type=submit]");
        await Expect(page.Locator("#channel-form [role=alert]")).ToContainTextAsync("url must be an absolute http or https URL");
    }
}
