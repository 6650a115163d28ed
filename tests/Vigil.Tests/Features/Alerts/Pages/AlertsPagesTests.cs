using Microsoft.Playwright;
using Vigil.Features.Alerts.Delivery;
using Vigil.Tests.Features.Alerts.Support;
using Vigil.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Tests.Features.Alerts.Pages;

/// <summary>Alerts as a person handles them in the browser: the list, acknowledging, the timeline and the emailed link.</summary>
public sealed class AlertsPagesTests(AlertsServerFixture server, ChromiumFixture chromium)
    : IClassFixture<AlertsServerFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task AnExternalAlertAppearsInTheListAndAcknowledgingItChangesItsStatusAndHistory()
    {
        var (project, key) = await server.CreateProjectAsync("Alerts page");
        var pager = server.Channels.Add(project.Id, "pager");
        await server.TriggerExternalAsync(key.PublicKey, "info:1", "info", "nightly report is late");
        var id = await server.TriggerExternalAsync(key.PublicKey, "payments:down", "critical", "payment provider answers 503");
        var page = await chromium.SignedInPageAsync(server);

        await page.GotoAsync($"/projects/{project.Slug}/alerts");
        var rows = page.Locator("tr.alert-row");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.First).ToContainTextAsync("payment provider answers 503");
        await Expect(rows.First.Locator(".badge.sev-critical")).ToHaveCountAsync(1);
        await ChromiumFixture.ScreenshotAsync(page, "alerts");

        var row = page.Locator($"tr.alert-row[data-alert-id='{id}']");
        await row.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Expect(row.Locator(".alert-status")).ToHaveTextAsync("acknowledged");
        Assert.Single(server.Sent.OfKind(pager.Id, NotificationKind.Acknowledge));

        await row.Locator("a.title").ClickAsync();
        await Expect(page.Locator("#alert-status")).ToHaveTextAsync("acknowledged");
        var history = page.Locator("#alert-history li");
        await Expect(history.Nth(0)).ToHaveAttributeAsync("data-kind", "fired");
        await Expect(page.Locator("#alert-history li[data-kind=acknowledged]")).ToContainTextAsync("in the UI");
        await Expect(page.Locator("#alert-notifications")).ToContainTextAsync("pager");
        await ChromiumFixture.ScreenshotAsync(page, "alert");
    }

    [Fact]
    public async Task TheLinkInANotificationAcknowledgesAfterConfirmingWithoutSigningIn()
    {
        var (project, key) = await server.CreateProjectAsync("Ack link page");
        var pager = server.Channels.Add(project.Id, "pager");
        var id = await server.TriggerExternalAsync(key.PublicKey, "queue:stuck", "error", "orders queue stuck");
        var url = server.Sent.OfKind(pager.Id, NotificationKind.Trigger).Single().Notices.Single().AcknowledgeUrl!;
        var page = await chromium.NewPageAsync(server.BaseUrl);

        await page.GotoAsync(url);
        await Expect(page.Locator("#ack-status")).ToHaveTextAsync("firing");
        await ChromiumFixture.ScreenshotAsync(page, "alert-ack-link");
        await page.Locator("#ack-confirm").ClickAsync();
        await Expect(page.Locator("#ack-done")).ToBeVisibleAsync();
        Assert.Equal("acknowledged", (await server.AlertAsync(id))["alert"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheRulesPageSavesARuleAndNamesABadParameter()
    {
        var (project, _) = await server.CreateProjectAsync("Rules page");
        var page = await chromium.SignedInPageAsync(server);
        await page.GotoAsync($"/projects/{project.Slug}/alerts/rules");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Too many 404s");
        await page.Locator("#rule-kind").SelectOptionAsync("log_count");
        await page.Locator("#rule-parameters").FillAsync("""{"query": "status = 404", "threshold": 5000}""");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save rule" }).ClickAsync();
        await Expect(page.Locator("#rule-error")).ToContainTextAsync("parameters.minutes");

        await page.Locator("#rule-parameters").FillAsync("""{"query": "status = 404", "threshold": 5000, "minutes": 2}""");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save rule" }).ClickAsync();
        await Expect(page.Locator("#rules")).ToContainTextAsync("Too many 404s");
    }
}
