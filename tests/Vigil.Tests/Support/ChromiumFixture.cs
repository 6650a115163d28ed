using System.Collections.Concurrent;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Tests.Support;

/// <summary>Debian's Chromium driven by Playwright, one browser per test class, a fresh context
/// (cookies, storage) per page. Never downloads a browser.</summary>
/// <remarks>Tests wait with <c>Expect(page).ToHaveURLAsync</c> and locator assertions, which the driver polls,
/// never with <c>WaitForURLAsync</c> or <c>WaitForLoadStateAsync</c>: in Playwright for .NET those check the
/// frame's URL or load state, then subscribe to its events while another thread delivers them, so an event
/// arriving in between is lost and the wait runs into its timeout (microsoft/playwright-dotnet#3364).</remarks>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly ConcurrentDictionary<string, Lazy<Task>> _warmServers = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _sessions = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"{ExecutablePath} is missing: apt-get install -y chromium");
        // Several servers and browsers share two cores while the suite runs; 5 s is too tight for that.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <param name="storageState">cookies and storage to start from (Playwright's storage state JSON)</param>
    public async Task<IPage> NewPageAsync(string baseUrl, string? storageState = null)
    {
        await _warmServers.GetOrAdd(baseUrl, url => new Lazy<Task>(() => WarmUpAsync(url))).Value;
        var context = await Browser.NewContextAsync(new() { BaseURL = baseUrl, ViewportSize = new() { Width = 1280, Height = 900 }, StorageState = storageState });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Asks a server for its sign-in page once, outside the browser. A server's first request builds its
    /// routes and Razor Pages, and the first in a test process also JIT-compiles them: seconds when the machine
    /// is busy (11 s seen), which would otherwise be spent from the first navigation's 15 s.</summary>
    private static async Task WarmUpAsync(string baseUrl)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        using var response = await http.GetAsync("/login");
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A page signed in as the fixture's admin, on the projects list, in a context of its own. The
    /// first for a server signs in through the form; later ones start from that session's cookies, so a
    /// class with many browser tests stays under /login's limit of 10 sign-ins a minute per address.</summary>
    public async Task<IPage> SignedInPageAsync(VigilServerFixture server)
    {
        var session = await _sessions.GetOrAdd(server.BaseUrl, _ => new Lazy<Task<string>>(() => SignInOnceAsync(server))).Value;
        var page = await NewPageAsync(server.BaseUrl, session);
        await page.GotoAsync("/projects");
        await Expect(page).ToHaveURLAsync(server.BaseUrl + "/projects");
        return page;
    }

    private async Task<string> SignInOnceAsync(VigilServerFixture server)
    {
        var page = await NewPageAsync(server.BaseUrl);
        await page.GotoAsync("/login");
        await SubmitSignInAsync(page);
        await Expect(page).ToHaveURLAsync(server.BaseUrl + "/projects");
        var state = await page.Context.StorageStateAsync();
        await page.Context.CloseAsync();
        return state;
    }

    /// <summary>Fills and submits the sign-in form the page is showing.</summary>
    public static async Task SubmitSignInAsync(IPage page, string password = VigilServerFixture.AdminPassword)
    {
        await page.FillAsync("input[name=Email]", "admin@vigil.local");
        await page.FillAsync("input[name=Password]", password);
        await page.ClickAsync("button[type=submit]");
    }

    /// <summary>Saves a screenshot under /tmp for a person to look at; never fails a test.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        try
        {
            await page.ScreenshotAsync(new() { Path = $"/tmp/vigil-ui-{name}.png", FullPage = true });
        }
        catch (PlaywrightException)
        {
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
