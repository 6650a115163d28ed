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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TheImplicitTlsBoxStoresWhatItShowsWhenAddedAndWhenFlippedOnEdit(bool implicitTls)
    {
        var name = $"mail tls {implicitTls}";
        var page = await chromium.SignedInPageAsync(server);
        await page.GotoAsync($"/projects/{server.DefaultProject.Slug}/channels?add=email");
        await page.FillAsync("input[name=name]", name);
        await page.FillAsync("input[name='o.host']", "smtp.example.com");
        // A port that is neither 465 nor 587, so the box alone decides and both states are valid.
        await page.FillAsync("input[name='o.port']", "2525");
        await page.FillAsync("input[name='o.from']", "vigil@example.com");
        await page.FillAsync("input[name='o.to']", "oncall@example.com");
        // A new channel starts as the options' defaults do: STARTTLS on, implicit TLS off.
        await Expect(page.Locator("input[name='o.starttls']")).ToBeCheckedAsync();
        await Expect(page.Locator("input[name='o.implicitTls']")).Not.ToBeCheckedAsync();
        await page.SetCheckedAsync("input[name='o.implicitTls']", implicitTls);
        await page.ClickAsync("#channel-form button[type=submit]");
        await Expect(page.Locator("#channels tr", new() { HasText = name })).ToHaveCountAsync(1);
        var (id, stored) = await StoredImplicitTlsAsync(name);
        Assert.Equal(implicitTls, stored);

        await page.GotoAsync($"/projects/{server.DefaultProject.Slug}/channels?edit={id}");
        var box = page.Locator("input[name='o.implicitTls']");
        await Expect(box).ToBeCheckedAsync(new() { Checked = implicitTls });
        await box.SetCheckedAsync(!implicitTls);
        await page.ClickAsync("#channel-form button[type=submit]");
        await Expect(page.Locator("#channels tr", new() { HasText = name })).ToHaveCountAsync(1);
        Assert.Equal(!implicitTls, (await StoredImplicitTlsAsync(name)).ImplicitTls);
    }

    [Fact]
    public async Task AnSmtpsChannelThatLeftImplicitTlsToThePortShowsTheBoxOnAndSavesUnchanged()
    {
        // The API's documented default: port 465 means implicit TLS without saying so.
        var id = await server.CreateChannelAsync("email", new System.Text.Json.Nodes.JsonObject
        {
            ["host"] = "smtp.example.com", ["port"] = 465, ["from"] = "vigil@example.com", ["to"] = new System.Text.Json.Nodes.JsonArray("oncall@example.com"),
        }, "smtps by port");
        var page = await chromium.SignedInPageAsync(server);
        await page.GotoAsync($"/projects/{server.DefaultProject.Slug}/channels?edit={id}");
        await Expect(page.Locator("input[name='o.implicitTls']")).ToBeCheckedAsync();

        await page.FillAsync("input[name=name]", "smtps renamed");
        await page.ClickAsync("#channel-form button[type=submit]");

        await Expect(page.Locator("#channels tr", new() { HasText = "smtps renamed" })).ToHaveCountAsync(1);
        Assert.True((await StoredImplicitTlsAsync("smtps renamed")).ImplicitTls);
    }

    private async Task<(long Id, bool? ImplicitTls)> StoredImplicitTlsAsync(string name)
    {
        var channels = (await server.GetJsonAsync($"/api/projects/{server.DefaultProject.Slug}/channels")).AsArray();
        var channel = Assert.Single(channels, c => c!["name"]!.GetValue<string>() == name)!;
        return (channel["id"]!.GetValue<long>(), channel["options"]!["implicitTls"]?.GetValue<bool>());
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
